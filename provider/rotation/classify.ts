import {
  GcoreAuthenticationError,
  GcoreConfigurationError,
  GcoreConnectionError,
  GcoreError,
  GcoreNotFoundError,
  GcorePermissionError,
  GcoreRateLimitError,
  GcoreValidationError,
} from "../../sdk";
import type { ChangeOutcome, LoginOutcome } from "./decide";

/** Network error codes that mean the request never left this machine, so nothing can have changed. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/** Maps an error of the password-change call to its outcome for the rotation protocol. */
export function classifyChangeError(error: unknown): ChangeOutcome {
  if (isLockout(error)) {
    return { kind: "locked", error: error as Error };
  }
  const known = asError(error);
  if (error instanceof GcoreRateLimitError) {
    return { kind: "rate-limited", retryAfterSeconds: error.retryAfterSeconds };
  }
  if (error instanceof GcoreValidationError) {
    return error.fieldErrors.old ? { kind: "old-rejected" } : { kind: "new-rejected", error };
  }
  if (isRefusal(error) || neverSent(error)) {
    return { kind: "refused", error: known };
  }
  return { kind: "unknown", error: known };
}

/** Maps an error of the verifying log-in to its outcome for the rotation protocol. */
export function classifyLoginError(error: unknown): LoginOutcome {
  if (isLockout(error)) {
    return { kind: "locked", error: error as Error };
  }
  if (error instanceof GcoreRateLimitError) {
    return { kind: "rate-limited", retryAfterSeconds: error.retryAfterSeconds };
  }
  // Gcore rejects a wrong password with 401 ("No active account found") or a 400 field error.
  if (error instanceof GcoreAuthenticationError || error instanceof GcoreValidationError) {
    return { kind: "rejected" };
  }
  return { kind: "unknown", error: asError(error) };
}

/**
 * Tells whether the change was certainly refused before it could apply: by the client before sending,
 * or by Gcore with a 4xx (401, 403, 404, and others such as 413). A 408 is not a refusal, because the
 * request may have arrived in full; 400 and 429 are handled before this check.
 */
function isRefusal(error: unknown): boolean {
  if (
    error instanceof GcoreAuthenticationError ||
    error instanceof GcorePermissionError ||
    error instanceof GcoreNotFoundError ||
    error instanceof GcoreConfigurationError ||
    error instanceof RangeError
  ) {
    return true;
  }
  const status = error instanceof GcoreError ? error.status : undefined;
  return status !== undefined && status >= 400 && status <= 499 && status !== 408;
}

function neverSent(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return error instanceof GcoreConnectionError && typeof code === "string" && NOT_SENT_CODES.has(code);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error("unexpected non-error value thrown");
}

/**
 * Tells whether an error is Gcore's answer for a locked user.
 * NOTE: Gcore documents no lockout answer; the emulator's 403 says "User is locked ...", so the word marks one.
 */
function isLockout(error: unknown): boolean {
  return error instanceof GcorePermissionError && /\blocked\b/i.test(error.detail ?? "");
}
