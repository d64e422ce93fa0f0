import { GcoreError } from "./gcore-error";

/** No complete response arrived within `timeoutMs`. The request may or may not have taken effect. */
export class GcoreTimeoutError extends GcoreError {
  override name = "GcoreTimeoutError";
}
