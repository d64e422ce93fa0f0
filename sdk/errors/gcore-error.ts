/** Request facts a Gcore error can carry. */
export interface GcoreErrorDetails {
  /** HTTP method of the failed request, such as "PUT". */
  method?: string;
  /** URL path of the failed request without the query string, such as "/iam/users/42/password". */
  path?: string;
  /** HTTP status of Gcore's response, when a response arrived. */
  status?: number;
  /** Value of the response's x-request-id header, when present. */
  requestId?: string;
  /** Gcore's own error text (its `detail` or `message` field) with secrets redacted. */
  detail?: string;
  /** Sanitized underlying error: a name, a code and a redacted message, never a raw axios error. */
  cause?: Error;
}

/**
 * Base class of every error the Gcore client throws.
 *
 * `method` and `path` are set for every error raised while making a request. They are unset only for
 * configuration errors thrown by the client constructor and for errors from `decodeTokenExpiry`.
 */
export class GcoreError extends Error {
  override name = "GcoreError";
  /** HTTP method of the failed request. */
  readonly method?: string;
  /** URL path of the failed request, without the query string. */
  readonly path?: string;
  /** HTTP status of Gcore's response, when a response arrived. */
  readonly status?: number;
  /** Value of the response's x-request-id header, when present. */
  readonly requestId?: string;
  /** Gcore's own error text with secrets redacted. */
  readonly detail?: string;
  /** Sanitized underlying error, when there was one. */
  declare readonly cause?: Error;

  constructor(message: string, details: GcoreErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.requestId = details.requestId;
    this.detail = details.detail;
  }
}
