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
  /** The next step, which the constructor appends to the message, such as "Check the user id and the base URL.". */
  hint?: string;
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
  /**
   * The next step that ends the message, when the client suggests one. Code that gives its own advice,
   * such as a tool that wraps the client, can show `summary` with its advice instead.
   */
  readonly hint?: string;
  /** The message without `hint`: what failed and why. */
  readonly summary: string;

  /** Creates the error from a `message` that describes what failed; `details.hint`, when given, is appended to it. */
  constructor(message: string, details: GcoreErrorDetails = {}) {
    super(details.hint === undefined ? message : `${message} ${details.hint}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.requestId = details.requestId;
    this.detail = details.detail;
    this.hint = details.hint;
    this.summary = message;
  }
}
