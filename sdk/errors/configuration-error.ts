import { GcoreError } from "./gcore-error";

/** A client setting is invalid or missing: a bad base URL, plain http to a remote host, missing credentials or a bad timeout. */
export class GcoreConfigurationError extends GcoreError {
  override name = "GcoreConfigurationError";
}
