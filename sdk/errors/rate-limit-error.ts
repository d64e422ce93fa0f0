import { GcoreError, type GcoreErrorDetails } from "./gcore-error";

/** Gcore rate-limited the request (429). */
export class GcoreRateLimitError extends GcoreError {
  override name = "GcoreRateLimitError";
  /** Seconds to wait before retrying, from the Retry-After header. Unset when the header is missing or invalid. */
  readonly retryAfterSeconds?: number;

  constructor(message: string, details: GcoreErrorDetails & { retryAfterSeconds?: number } = {}) {
    super(message, details);
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}
