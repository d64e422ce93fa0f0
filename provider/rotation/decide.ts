import type { TokenPair } from "../../sdk";

/** The result of one password-change call, in the terms the rotation protocol uses. */
export type ChangeOutcome =
  | { kind: "changed"; tokens: TokenPair }
  /** 429: Gcore did not process the request. */
  | { kind: "rate-limited"; retryAfterSeconds?: number }
  /** 400 on `old`: Gcore does not accept the password sent as the current one. */
  | { kind: "old-rejected" }
  /** 400 on another field: Gcore does not accept the new password. Nothing changed. */
  | { kind: "new-rejected"; error: Error }
  /** A 4xx other than 400, 408 and 429, or a configuration error: the request was refused before anything changed. */
  | { kind: "refused"; error: Error }
  /** Timeout, dropped connection, 5xx or an unreadable response: the change may or may not have happened. */
  | { kind: "unknown"; error: Error }
  /** 403 because Gcore locked the user after failed attempts: nothing more may be tried. */
  | { kind: "locked"; error: Error };

/** The result of one log-in with the new password. */
export type LoginOutcome =
  | { kind: "logs-in"; tokens: TokenPair }
  /** Gcore does not accept the credentials. */
  | { kind: "rejected" }
  | { kind: "rate-limited"; retryAfterSeconds?: number }
  | { kind: "unknown"; error: Error }
  | { kind: "locked"; error: Error };

/** One call the protocol made and what came of it, in order. */
export type Observation =
  | { call: "change"; outcome: ChangeOutcome }
  | { call: "login"; outcome: LoginOutcome }
  /** A log-in with the password an earlier run sent but could not confirm. */
  | { call: "pending-login"; outcome: LoginOutcome };

/** Facts known before the first call of a rotation, from the state an earlier run left. */
export interface RotationStart {
  /** An earlier run sent a change to a password it could not confirm, and state records that password. */
  hasPending: boolean;
  /** The pending password is the password this run wants. */
  pendingIsDesired: boolean;
  /** Gcore has already rejected the stored password as the old one. */
  storedKnownBad: boolean;
}

/** The start of a rotation with no earlier unconfirmed change. */
export const FRESH_START: RotationStart = { hasPending: false, pendingIsDesired: false, storedKnownBad: false };

/** The cause of a rotation that ended without a confirmed new password. */
export type FailureReason =
  /** The password sent as old was rejected and the new password does not log in either. */
  | "neither-password-works"
  /** The outcome of the change is unknown and the new password does not log in (yet). */
  | "change-not-confirmed"
  /** The outcome is unknown and the check could not run (Gcore unreachable, rate limited). */
  | "outcome-unknown"
  /** Gcore rejected the stored password as old, and the check of the new one could not run. */
  | "old-rejected-unverified"
  /** Gcore locked the user after failed attempts. */
  | "account-locked"
  /** Gcore returned 429 to every change call. Nothing changed. */
  | "rate-limited"
  /** Gcore rejected the new password. Nothing changed. */
  | "new-rejected"
  /** Gcore refused the request (credentials, permission, user). Nothing changed. */
  | "refused";

/** The protocol's next move. */
export type Step =
  | { action: "send-change" }
  | { action: "log-in-with-new" }
  | { action: "log-in-with-pending" }
  | { action: "wait"; seconds: number }
  | { action: "succeed"; tokens: TokenPair; confirmedBy: "change" | "login" }
  | { action: "fail"; reason: FailureReason; cause?: Error };

/** Bounds that keep the protocol from storming Gcore or locking the account out. */
export interface RotationLimits {
  /** How many change calls one rotation may send; only a 429 (not processed) allows another. */
  maxChangeCalls: number;
  /** How many log-ins with the new password one rotation may try; only a 429 allows another. */
  maxLogins: number;
  /** The maximum wait for one Retry-After, in seconds. */
  maxRetryAfterSeconds: number;
  /** The wait after a 429 without Retry-After, in seconds. */
  defaultRetryAfterSeconds: number;
}

/**
 * Default bounds. A rotation sends at most 1 change with an unconfirmed old password and at most
 * 1 log-in with an unconfirmed new password, so each run costs Gcore's lockout counter at most 2
 * failed attempts; 429 answers are not failed attempts and allow up to 3 tries of each call.
 */
export const DEFAULT_LIMITS: RotationLimits = {
  maxChangeCalls: 3,
  maxLogins: 3,
  maxRetryAfterSeconds: 60,
  defaultRetryAfterSeconds: 2,
};

/**
 * Decides the next step of a rotation from everything observed so far.
 *
 * The rules: when an earlier run left a pending password, log in with it first, because it may
 * already be the account's password. Send the change once; a 429 means it was not processed, so wait
 * and send it again. A success ends the rotation. A rejected old password or an unknown outcome is
 * checked by logging in with the new password, never by sending the change again. A locked account
 * ends everything. Every path makes at most two calls with a password that may be wrong.
 */
export function decideNextStep(observations: readonly Observation[], limits: RotationLimits = DEFAULT_LIMITS, start: RotationStart = FRESH_START): Step {
  const last = observations[observations.length - 1];
  if (last === undefined) {
    return start.hasPending ? { action: "log-in-with-pending" } : { action: "send-change" };
  }
  if (last.outcome.kind === "locked") {
    return { action: "fail", reason: "account-locked", cause: last.outcome.error };
  }

  const count = (call: Observation["call"]): number => observations.filter((observation) => observation.call === call).length;

  if (last.call === "pending-login") {
    return afterPendingLogin(last.outcome, count("pending-login"), limits, start);
  }
  if (last.call === "change") {
    return afterChange(last.outcome, count("change"), limits, pendingRejected(observations));
  }
  return afterLogin(last.outcome, observations, count("change"), count("login"), limits);
}

function afterPendingLogin(outcome: LoginOutcome, attempts: number, limits: RotationLimits, start: RotationStart): Step {
  switch (outcome.kind) {
    case "logs-in":
      return start.pendingIsDesired ? { action: "succeed", tokens: outcome.tokens, confirmedBy: "login" } : { action: "send-change" };
    case "rejected":
      return start.storedKnownBad ? { action: "fail", reason: "neither-password-works" } : { action: "send-change" };
    case "rate-limited":
      return attempts < limits.maxLogins ? waitStep(outcome.retryAfterSeconds, limits) : { action: "fail", reason: "outcome-unknown" };
    case "unknown":
    case "locked":
      return { action: "fail", reason: "outcome-unknown", cause: outcome.error };
  }
}

function afterChange(outcome: ChangeOutcome, changeCalls: number, limits: RotationLimits, pendingWasRejected: boolean): Step {
  switch (outcome.kind) {
    case "changed":
      return { action: "succeed", tokens: outcome.tokens, confirmedBy: "change" };
    case "rate-limited":
      return changeCalls < limits.maxChangeCalls ? waitStep(outcome.retryAfterSeconds, limits) : { action: "fail", reason: "rate-limited" };
    case "old-rejected":
      // A rejected pending password and a rejected stored one already cost two attempts.
      return pendingWasRejected ? { action: "fail", reason: "neither-password-works" } : { action: "log-in-with-new" };
    case "unknown":
      return { action: "log-in-with-new" };
    case "new-rejected":
      return { action: "fail", reason: "new-rejected", cause: outcome.error };
    case "refused":
    case "locked":
      return { action: "fail", reason: "refused", cause: outcome.error };
  }
}

function afterLogin(outcome: LoginOutcome, observations: readonly Observation[], changeCalls: number, logins: number, limits: RotationLimits): Step {
  const oldRejected = oldWasRejected(observations);
  switch (outcome.kind) {
    case "logs-in":
      return { action: "succeed", tokens: outcome.tokens, confirmedBy: "login" };
    case "rejected":
      return { action: "fail", reason: oldRejected || changeCalls === 0 ? "neither-password-works" : "change-not-confirmed" };
    case "rate-limited":
      if (logins < limits.maxLogins) {
        return waitStep(outcome.retryAfterSeconds, limits);
      }
      return { action: "fail", reason: oldRejected ? "old-rejected-unverified" : "outcome-unknown" };
    case "unknown":
    case "locked":
      return { action: "fail", reason: oldRejected ? "old-rejected-unverified" : "outcome-unknown", cause: outcome.error };
  }
}

/** Returns the step after a wait: repeat the call that was rate limited. */
export function stepAfterWait(observations: readonly Observation[]): Step {
  const last = observations[observations.length - 1];
  if (last?.call === "pending-login") {
    return { action: "log-in-with-pending" };
  }
  return last?.call === "login" ? { action: "log-in-with-new" } : { action: "send-change" };
}

function waitStep(retryAfterSeconds: number | undefined, limits: RotationLimits): Step {
  const requested = retryAfterSeconds ?? limits.defaultRetryAfterSeconds;
  return { action: "wait", seconds: Math.min(Math.max(requested, 0), limits.maxRetryAfterSeconds) };
}

function oldWasRejected(observations: readonly Observation[]): boolean {
  return observations.some((observation) => observation.call === "change" && observation.outcome.kind === "old-rejected");
}

function pendingRejected(observations: readonly Observation[]): boolean {
  return observations.some((observation) => observation.call === "pending-login" && observation.outcome.kind === "rejected");
}
