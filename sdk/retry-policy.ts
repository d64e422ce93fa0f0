import { parseRetryAfter } from "./retry-after";

/*
 * When the client sends a request again. One rule per line; the numbers follow Gcore's own SDKs
 * (gcore-python, gcore-go) unless a rule states otherwise.
 *
 * 1. Only calls marked retryable repeat: getUser (a read) and logIn (issues a fresh pair, changes nothing stored).
 * 2. changePassword and refresh are never repeated: one changes state, the other uses up a single-use token.
 * 3. Statuses 408, 429 and 500-599 are retried. Gcore's SDKs also retry 409, but no IAM call here returns it.
 * 4. Connection failures (reset, refused, unreachable, DNS) and timeouts of an attempt are retried.
 * 5. Every other outcome (2xx, other 4xx, a malformed body, a configuration error) is final.
 * 6. At most `maxRetries` retries follow the first attempt. Default: 2.
 * 7. Backoff is exponential with full jitter: a random delay from 0 to min(8 s, 0.5 s * 2^retry).
 * 8. A Retry-After of 0-60 s replaces the backoff; a longer or invalid one is ignored, as in Gcore's SDKs.
 *
 * The transport applies these rules itself rather than through axios-retry, because it resolves every
 * status without rejecting and gives each attempt its own deadline, while axios-retry acts only on
 * rejected requests and reuses one request config, abort signal included, for every attempt.
 */

/** Default number of retries after the first attempt. */
export const DEFAULT_MAX_RETRIES = 2;

/** Largest `maxRetries` the client accepts, so that a typo cannot make a call retry for hours. */
export const MAX_RETRIES_LIMIT = 10;

/** First backoff cap in milliseconds, doubled for each further retry. */
const INITIAL_BACKOFF_MS = 500;

/** Largest backoff cap in milliseconds. */
const MAX_BACKOFF_MS = 8_000;

/** Longest Retry-After in seconds the client waits for. */
const MAX_RETRY_AFTER_SECONDS = 60;

const RETRIED_STATUSES = new Set([408, 429]);

/** Result of one attempt, in the terms the policy needs. */
export type AttemptOutcome =
  | { kind: "response"; status: number; retryAfter?: string }
  | { kind: "connection-failure" }
  | { kind: "timeout" };

/** Settings and injected functions the policy uses. */
export interface RetrySettings {
  maxRetries: number;
  /** Returns a number in [0, 1), like Math.random. */
  random: () => number;
  /** Current time in milliseconds, for Retry-After dates. */
  now: () => number;
}

/**
 * Returns how many milliseconds to wait before retrying after `outcome`, or undefined when the
 * outcome is final. `retriesSoFar` counts the retries already sent.
 */
export function retryDelayMs(retryable: boolean, outcome: AttemptOutcome, retriesSoFar: number, settings: RetrySettings): number | undefined {
  if (!retryable || retriesSoFar >= settings.maxRetries || !isTransient(outcome)) {
    return undefined;
  }

  const retryAfterSeconds = outcome.kind === "response" ? parseRetryAfter(outcome.retryAfter, settings.now()) : undefined;
  if (retryAfterSeconds !== undefined && retryAfterSeconds <= MAX_RETRY_AFTER_SECONDS) {
    return retryAfterSeconds * 1000;
  }

  const cap = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** retriesSoFar);
  return Math.floor(settings.random() * cap);
}

function isTransient(outcome: AttemptOutcome): boolean {
  if (outcome.kind !== "response") {
    return true;
  }

  return RETRIED_STATUSES.has(outcome.status) || (outcome.status >= 500 && outcome.status <= 599);
}
