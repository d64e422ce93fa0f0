import { GcoreError } from "./gcore-error";

/** The request failed at the network level (connection refused or reset, DNS or TLS failure) before a complete response arrived. */
export class GcoreConnectionError extends GcoreError {
  override name = "GcoreConnectionError";
}
