import { GcoreError } from "./gcore-error";

/** Gcore found nothing at the requested path (404), for example an unknown user id. */
export class GcoreNotFoundError extends GcoreError {
  override name = "GcoreNotFoundError";
}
