import {
  GcoreAuthenticationError,
  GcoreConfigurationError,
  GcoreConnectionError,
  GcoreError,
  GcoreNotFoundError,
  GcorePermissionError,
  GcoreRateLimitError,
  GcoreTimeoutError,
  GcoreValidationError,
} from "../sdk";
import type { FailureReason } from "./rotation/decide";
import { RotationFailedError } from "./rotation/protocol";

/** An error from a `UserPassword` operation, with a message that names the next step. */
export class UserPasswordError extends Error {
  override name = "UserPasswordError";
}

/** Facts that a failure message needs about the resource whose request failed. */
export interface FailureSubject {
  userId: number;
  /** The setting that gave the API key, as messages name it: "apiKey" (the resource's own), "gcore:apiKey" or "GCORE_API_KEY". */
  apiKeySetting: string;
}

/**
 * Explains a failed rotation: what happened to the account, and the user's next step.
 * `oldPasswordSource` names where the old password came from: "currentPassword" or "the password stored in state".
 * Client messages never contain secrets, so they are safe to include.
 */
export function describeRotationFailure(subject: FailureSubject, oldPasswordSource: string, error: unknown): UserPasswordError {
  const attempt = `Rotating the password of Gcore user ${subject.userId} failed`;
  if (!(error instanceof RotationFailedError)) {
    return describeRequestFailure(attempt, subject, error);
  }
  if ((error.reason === "refused" || error.reason === "account-locked") && error.cause instanceof GcoreError) {
    return describeRequestFailure(attempt, subject, error.cause);
  }
  const confirmedOnly = !error.observations.some((observation) => observation.call === "change");
  const cause = error.cause instanceof GcoreError ? ` (${error.cause.summary})` : error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return new UserPasswordError(`${attempt}: ${explainReason(error.reason, oldPasswordSource, confirmedOnly)}${cause}`);
}

/**
 * Explains a failed request that came before any change, such as looking up the user. The client's
 * own next step (its `hint`) gives way to the provider's, which names stack settings.
 */
export function describeRequestFailure(attempt: string, subject: FailureSubject, error: unknown): UserPasswordError {
  if (!(error instanceof GcoreError)) {
    return new UserPasswordError(`${attempt}: ${error instanceof Error ? error.message : "unexpected error"}. Nothing was changed.`);
  }
  const step = nextStep(subject, error) ?? error.hint;
  return new UserPasswordError(`${attempt}: ${asSentence(error.summary)} Nothing was changed.${step === undefined ? "" : ` ${step}`}`);
}

const LOCKOUT_WARNING = "Do not retry before that: every wrong password counts toward Gcore's lockout.";
const SET_PASSWORD_COMMAND = "(pulumi config set --secret <key> <password>)";

function explainReason(reason: FailureReason, oldPasswordSource: string, confirmedOnly: boolean): string {
  switch (reason) {
    case "neither-password-works":
      return explainRejectedPasswords(oldPasswordSource, confirmedOnly);
    case "change-not-confirmed":
      return (
        "the outcome of the change call is unknown and the new password does not log in, so the change most likely did not apply. " +
        "Nothing was recorded in state. Run pulumi up again: it sends the change from the stored password, and if Gcore applied the first one " +
        "late it confirms the new password by logging in instead of changing it twice."
      );
    case "outcome-unknown":
      return (
        "the outcome of the change call is unknown, and checking the new password by logging in failed too. The account has either the " +
        "stored password or the new one; state records the new one as pending. Run pulumi up again when Gcore is reachable: it logs in " +
        "with the pending password first and sends no change before it knows which password works."
      );
    case "old-rejected-unverified":
      return (
        "Gcore does not accept the stored password as the account's password, and checking the new password by logging in failed " +
        "(Gcore unreachable or rate limited). State records the new password as pending. Run pulumi up again when Gcore is reachable: " +
        `it only logs in with the pending password. If that fails too, set currentPassword to the password the account has now. ${LOCKOUT_WARNING}`
      );
    case "account-locked":
      return (
        "Gcore locked the user after too many failed attempts. Stop: no password works until the lock ends or an administrator of the " +
        "Gcore account unlocks the user. Then run pulumi up again."
      );
    case "rate-limited":
      return "Gcore answered 429 (rate limit exceeded) to every attempt. Nothing was changed; run pulumi up again later.";
    case "new-rejected":
      return "Gcore rejected the new password. Nothing was changed. Choose a password that meets the rules in Gcore's message";
    case "refused":
      return "Gcore refused the request. Nothing was changed";
  }
}

/**
 * Explains why neither password works. Only a rejected password from state shows a change made
 * outside the stack. A rejected `currentPassword` may just be mistyped, so the message states only that
 * it is not the account's password.
 */
function explainRejectedPasswords(oldPasswordSource: string, confirmedOnly: boolean): string {
  if (confirmedOnly) {
    return (
      "Gcore does not accept currentPassword, which equals password, as the account's password: a log-in with it failed, " +
      "so currentPassword is not the account's password. Nothing was changed. Set currentPassword and password to the password " +
      `the account has now ${SET_PASSWORD_COMMAND}, then run pulumi up again: with both equal (and adopt: true when creating), ` +
      `it only confirms that password. ${LOCKOUT_WARNING}`
    );
  }
  const conclusion =
    oldPasswordSource === "currentPassword" ? "so currentPassword is not the account's password" : "so the password was changed outside this stack";
  return (
    `Gcore does not accept ${oldPasswordSource} as the account's password, and the new password does not log in either, ${conclusion}. ` +
    `Nothing was changed. Set currentPassword to the password the account has now ${SET_PASSWORD_COMMAND}, then run pulumi up again. ${LOCKOUT_WARNING}`
  );
}

/** Returns the provider's next step after a failed request, or undefined to keep the client's. */
function nextStep(subject: FailureSubject, error: GcoreError): string | undefined {
  if (error instanceof GcoreAuthenticationError) {
    return `Set ${describeApiKeySetting(subject.apiKeySetting)} to a valid permanent API token of this user.`;
  }
  // NOTE: Gcore documents no lockout response. The emulator's 403 has the detail "User is locked ...", so that word marks one.
  if (error instanceof GcorePermissionError && /\blocked\b/i.test(error.detail ?? "")) {
    return (
      "Gcore says the account is locked, so no password or API token works until it is unlocked. Wait for the lock to end, " +
      "or ask an administrator of the Gcore account to unlock the user, then run pulumi up again."
    );
  }
  if (error instanceof GcorePermissionError) {
    return `Gcore lets an API token change only its own user's password, so check that userId ${subject.userId} is right and use that user's token (the resource's apiKey, else gcore:apiKey).`;
  }
  if (error instanceof GcoreConfigurationError) {
    return "In a stack, set the API token with the resource's apiKey or gcore:apiKey (pulumi config set --secret gcore:apiKey <token>) and the endpoint with gcore:baseUrl.";
  }
  if (error instanceof GcoreNotFoundError) {
    return `Check that userId ${subject.userId} is the id of an existing Gcore user that the API token can see, or that gcore:baseUrl is the API root.`;
  }
  if (error instanceof GcoreValidationError) {
    return "Fix the value Gcore names above.";
  }
  if (error instanceof GcoreRateLimitError) {
    return "Run pulumi up again later.";
  }
  if (error instanceof GcoreTimeoutError) {
    return "Run pulumi up again; if requests keep timing out, raise gcore:requestTimeoutMs.";
  }
  if (error instanceof GcoreConnectionError) {
    return "Check gcore:baseUrl (or GCORE_BASE_URL) and the network, then run pulumi up again.";
  }
  if (error.status === 413) {
    return "Choose a shorter password, then run pulumi up again.";
  }
  return undefined;
}

/** Names an API key setting with how to set it. */
function describeApiKeySetting(setting: string): string {
  switch (setting) {
    case "apiKey":
      return "the resource's apiKey";
    case "GCORE_API_KEY":
      return "GCORE_API_KEY, or gcore:apiKey (pulumi config set --secret gcore:apiKey <token>),";
    default:
      return `${setting} (pulumi config set --secret ${setting} <token>)`;
  }
}

/** Ends a text with a full stop unless it already ends with punctuation. */
function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
