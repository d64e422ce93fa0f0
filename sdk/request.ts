/** One call the client makes, as the transport needs it. */
export interface ApiRequest {
  method: "GET" | "POST" | "PUT";
  /** Path below the base URL, such as "/iam/users/42". */
  path: string;
  /** JSON body. Its contents never appear in errors or log lines. */
  body?: Record<string, unknown>;
  /** Whether the call sends the client's API key or access token. */
  authenticated: boolean;
  /** Whether the retry policy may send the call again after a transient failure. Only calls that change nothing are. */
  retryable: boolean;
  /** Secrets this call sends (passwords, tokens), which redaction hides along with the client's credentials. */
  secrets: string[];
  /** Next step after a 401. Default for authenticated calls: a hint about the client's credential. */
  unauthorizedHint?: string;
  /**
   * Next step when the call may have taken effect but no clear response arrived: a timeout, a broken
   * connection, a 5xx or a malformed 2xx. Unset for calls that change nothing on the server.
   */
  ambiguousOutcomeHint?: string;
}

/** A response as the error builders need it, independent of axios. */
export interface HttpResponse {
  status: number;
  /** Response headers with lowercase names. */
  headers: Record<string, string | undefined>;
  bodyText: string;
}

/** Describes a request for messages, such as "PUT /iam/users/42/password". */
export function describeRequest(request: ApiRequest): string {
  return `${request.method} ${request.path}`;
}
