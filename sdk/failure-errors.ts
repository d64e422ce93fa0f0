import { GcoreConnectionError, GcoreError, GcoreResponseError, GcoreTimeoutError } from "./errors";
import { sanitizeCause, type Redact } from "./redact";
import { describeRequest, type ApiRequest } from "./request";

/** Facts about a request that ended without a usable response. */
export interface FailureContext {
  /** Whether the client's own deadline of `timeoutMs` aborted the request. */
  deadlineExceeded: boolean;
  timeoutMs: number;
  /** Largest response body the transport reads, in bytes. */
  maxResponseBytes: number;
}

// The failures below happen before any request byte reaches the server, so their messages omit the
// request's ambiguous-outcome hint: the call certainly had no effect.
const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN"]);
const UNREACHABLE_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH"]);
export const TLS_CODE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|ERR_CERT)/;

/**
 * Classifies an error thrown by axios when no complete response arrived: a timeout, a response
 * too large to read, or a connection failure. The cause is always a sanitized copy.
 */
export function errorFromFailure(request: ApiRequest, error: unknown, redact: Redact, context: FailureContext): GcoreError {
  const code = readErrorCode(error);
  const details = { method: request.method, path: request.path, cause: sanitizeCause(error, redact) };
  const attempted = describeRequest(request);
  const unclearOutcome = request.ambiguousOutcomeHint ?? "Retry later.";

  if (context.deadlineExceeded || code === "ETIMEDOUT" || code === "ECONNABORTED") {
    return new GcoreTimeoutError(`${attempted} timed out after ${context.timeoutMs} ms without a complete response.`, {
      ...details,
      hint: request.ambiguousOutcomeHint ?? "Retry later, or raise timeoutMs.",
    });
  }
  if (code === "ERR_BAD_RESPONSE" && /maxContentLength/.test(readErrorMessage(error))) {
    return new GcoreResponseError(
      `Gcore's response to ${attempted} is larger than ${context.maxResponseBytes} bytes, which no IAM response should be. Check that the base URL points at the Gcore API.`,
      { ...details, hint: unclearOutcome },
    );
  }

  if (code === "ECONNREFUSED") {
    return new GcoreConnectionError(`${attempted} failed: the connection was refused (ECONNREFUSED).`, { ...details, hint: "Check the base URL and that the server is running." });
  }
  if (code !== undefined && DNS_CODES.has(code)) {
    return new GcoreConnectionError(`${attempted} failed: the host name could not be resolved (${code}).`, { ...details, hint: "Check the base URL and DNS." });
  }
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return new GcoreConnectionError(`${attempted} failed: the host could not be reached (${code}).`, { ...details, hint: "Check the base URL and the network." });
  }
  if (code !== undefined && TLS_CODE.test(code)) {
    return new GcoreConnectionError(`${attempted} failed: TLS verification of the server failed (${code}).`, {
      ...details,
      hint: "Check the base URL and the server's certificate.",
    });
  }
  // Axios reports a response body cut off mid-stream as ERR_BAD_RESPONSE ("stream has been aborted").
  const description =
    code === undefined ? `the request failed (${details.cause.message})` : `the connection broke before a complete response arrived (${code})`;
  return new GcoreConnectionError(`${attempted} failed: ${description}.`, { ...details, hint: unclearOutcome });
}

/** Reads a string `code` from an error or from its direct cause. */
function readErrorCode(error: unknown): string | undefined {
  const candidates = [error, (error as { cause?: unknown } | null | undefined)?.cause];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | null | undefined)?.code;
    if (typeof code === "string" && code !== "") {
      return code;
    }
  }
  return undefined;
}

function readErrorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
