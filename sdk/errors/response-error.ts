import { GcoreError } from "./gcore-error";

/** Gcore returned a response this client does not expect: a 2xx body of the wrong shape or not JSON, a redirect, or a status without its own error class. Also thrown for a malformed JWT. */
export class GcoreResponseError extends GcoreError {
  override name = "GcoreResponseError";
}
