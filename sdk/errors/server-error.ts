import { GcoreError } from "./gcore-error";

/** Gcore failed to handle the request (5xx). The request may or may not have taken effect. */
export class GcoreServerError extends GcoreError {
  override name = "GcoreServerError";
}
