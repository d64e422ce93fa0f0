import {
  GcoreAuthenticationError,
  GcoreConfigurationError,
  GcoreConnectionError,
  GcoreError,
  GcoreNotFoundError,
  GcorePermissionError,
  GcoreRateLimitError,
  GcoreValidationError,
} from "../sdk";
import type { FailureReason } from "./rotation/decide";
import { RotationFailedError } from "./rotation/protocol";

/** An error from a `UserPassword` operation, with a message that says what to do next. */
export class UserPasswordError extends Error {
  override name = "UserPasswordError";
}

/**
 * Explains a failed rotation: what happened to the account, and the user's next step.
 * `oldPasswordSource` names where the old password came from, such as "currentPassword".
 * Client messages never contain secrets, so they are safe to include.
 */
export function describeRotationFailure(userId: number, oldPasswordSource: string, error: unknown): UserPasswordError {
  const attempt = `Rotating the password of Gcore user ${userId} failed`;
  if (!(error instanceof RotationFailedError)) {
    return describeRequestFailure(attempt, userId, error);
  }
  if (error.reason === "refused" && error.cause instanceof GcoreError) {
    return describeRequestFailure(attempt, userId, error.cause);
  }
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return new UserPasswordError(`${attempt}: ${explainReason(error.reason, oldPasswordSource)}${cause}`);
}

/** Explains a failed request that came before any change, such as looking up the user. */
export function describeRequestFailure(attempt: string, userId: number, error: unknown): UserPasswordError {
  if (!(error instanceof GcoreError)) {
    return new UserPasswordError(`${attempt}: ${error instanceof Error ? error.message : "unexpected error"}. Nothing was changed.`);
  }
  return new UserPasswordError(`${attempt}: ${error.message} Nothing was changed. ${nextStep(userId, error)}`.trim());
}

function explainReason(reason: FailureReason, oldPasswordSource: string): string {
  switch (reason) {
    case "neither-password-works":
      return (
        `Gcore does not accept ${oldPasswordSource} as the account's password, and the new password does not log in either, ` +
        "so the password was changed outside this stack. Nothing was changed. Set currentPassword to the password the account has now " +
        "(pulumi config set --secret <key> <password>), then run pulumi up again. Do not retry before that: every wrong password counts toward Gcore's lockout."
      );
    case "change-not-confirmed":
      return (
        "the outcome of the change call is unknown and the new password does not log in, so the change most likely did not apply. " +
        "Nothing was recorded in state. Run pulumi up again: it sends the change from the stored password, and if Gcore applied the first one " +
        "late it confirms the new password by logging in instead of changing it twice."
      );
    case "outcome-unknown":
      return (
        "the outcome of the change call is unknown, and checking the new password by logging in failed too. The account has either the " +
        "stored password or the new one. Keep both; run pulumi up again when Gcore is reachable, and it finds out which one works before changing anything."
      );
    case "rate-limited":
      return "Gcore answered 429 (rate limit exceeded) to every attempt. Nothing was changed; run pulumi up again later.";
    case "new-rejected":
      return "Gcore rejected the new password. Nothing was changed. Choose a password that meets the rules in Gcore's message";
    case "refused":
      return "Gcore refused the request. Nothing was changed";
  }
}

/** Returns the step a user can take after a refused request, or "" when there is none to suggest. */
function nextStep(userId: number, error: GcoreError): string {
  if (error instanceof GcoreAuthenticationError) {
    return "Set gcore:apiKey (pulumi config set --secret gcore:apiKey <token>) or GCORE_API_KEY to a valid permanent API token of this user.";
  }
  if (error instanceof GcorePermissionError) {
    return `Gcore lets an API token change only its own user's password, so check that userId ${userId} is right and use that user's token (the resource's apiKey, else gcore:apiKey).`;
  }
  if (error instanceof GcoreConfigurationError) {
    return "In a stack, set the API token with the resource's apiKey or gcore:apiKey (pulumi config set --secret gcore:apiKey <token>) and the endpoint with gcore:baseUrl.";
  }
  if (error instanceof GcoreNotFoundError) {
    return `Check that userId ${userId} is the id of an existing Gcore user that the API token can see.`;
  }
  if (error instanceof GcoreValidationError) {
    return "Fix the value Gcore names above.";
  }
  if (error instanceof GcoreRateLimitError) {
    return "Run pulumi up again later.";
  }
  if (error instanceof GcoreConnectionError) {
    return "Check gcore:baseUrl (or GCORE_BASE_URL) and the network, then run pulumi up again.";
  }
  return "";
}
