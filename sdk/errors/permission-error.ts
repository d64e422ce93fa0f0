import { GcoreError } from "./gcore-error";

/** Gcore accepted the credentials but denied the request (403). */
export class GcorePermissionError extends GcoreError {
  override name = "GcorePermissionError";
}
