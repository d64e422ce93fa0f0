import { GcoreError, type GcoreErrorDetails } from "./gcore-error";

/** A client setting is invalid or missing: a bad base URL, plain http to a remote host, missing credentials or a bad timeout. */
export class GcoreConfigurationError extends GcoreError {
  override name = "GcoreConfigurationError";
  /**
   * The client option or environment variable at fault, such as "baseUrl" or "GCORE_API_KEY"; `summary`
   * then starts with it. Unset when no single setting is at fault.
   */
  readonly setting?: string;

  constructor(message: string, details: GcoreErrorDetails & { setting?: string } = {}) {
    super(message, details);
    this.setting = details.setting;
  }
}
