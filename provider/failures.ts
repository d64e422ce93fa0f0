import {
  GcoreAuthenticationError,
  GcoreConfigurationError,
  GcoreError,
  GcoreNotFoundError,
  GcorePermissionError,
  GcoreRateLimitError,
  GcoreValidationError,
} from "../sdk";

/** An error from a `UserPassword` operation, with a message that says what to do next. */
export class UserPasswordError extends Error {
  override name = "UserPasswordError";
}

/**
 * Turns a failed password change into an error that says what failed and what the user can do.
 * The client's messages never contain secrets, so they are safe to include.
 */
export function describeChangeFailure(userId: number, oldPasswordSource: string, error: unknown): UserPasswordError {
  const attempt = `Changing the password of Gcore user ${userId} failed`;
  if (!(error instanceof GcoreError)) {
    return new UserPasswordError(`${attempt}: ${error instanceof Error ? error.name : "unexpected error"}.`);
  }
  return new UserPasswordError(`${attempt}: ${error.message} ${nextStep(userId, oldPasswordSource, error)}`.trim());
}

/** Returns the step a user can take after a failed call, or "" when retrying later is all there is. */
function nextStep(userId: number, oldPasswordSource: string, error: GcoreError): string {
  if (error instanceof GcoreValidationError && error.fieldErrors.old) {
    return `Gcore did not accept ${oldPasswordSource} as the account's current password. Set currentPassword to the password the account has now, then run pulumi up again.`;
  }
  if (error instanceof GcoreValidationError) {
    return "Gcore rejected the new password. Choose a password that meets Gcore's rules shown above, then run pulumi up again.";
  }
  if (error instanceof GcoreAuthenticationError) {
    return "Set gcore:apiKey (pulumi config set --secret gcore:apiKey <token>) or GCORE_API_KEY to a valid permanent API token of this user.";
  }
  if (error instanceof GcorePermissionError) {
    return `The API token belongs to another user. Use an API token issued to user ${userId}.`;
  }
  if (error instanceof GcoreNotFoundError) {
    return `Check that userId ${userId} is the id of an existing Gcore user.`;
  }
  if (error instanceof GcoreConfigurationError) {
    return "";
  }
  if (error instanceof GcoreRateLimitError) {
    return "Gcore limited the request rate. Nothing changed; run pulumi up again later.";
  }
  // NOTE: a timeout, a dropped connection or a 5xx leaves the outcome unknown; this message does not
  // yet say whether the new password took effect.
  return "The outcome is unknown: Gcore may have applied the change. Check whether the new password logs in before running pulumi up again.";
}
