import { IN_SYNC, OUT_OF_SYNC } from "./sync-status";
import type { UserPasswordInputs } from "./inputs";
import type { UserPasswordOutputs } from "./outputs";
import type { FailureReason } from "./rotation/decide";

/**
 * Returns the state a failed rotation must leave behind, or undefined when state stays as it was.
 *
 * When the outcome is unknown, the new password is kept as `pendingPassword`, so the next run logs in
 * with it before sending anything. A change that did apply then costs no failed attempt, and a new
 * value from a schedule cannot make the applied one unknown. When Gcore rejected the stored password,
 * `syncStatus` records drift so that later runs stop sending it.
 */
export function stateAfterFailure(reason: FailureReason, base: UserPasswordOutputs, inputs: UserPasswordInputs, creating: boolean): UserPasswordOutputs | undefined {
  const { pendingPassword: _previous, ...withoutPending } = base;
  // The dynamic-provider host adds the serialized provider to results but not to error state, and
  // refresh and destroy of the saved state need it.
  const provider = { __provider: (inputs as unknown as Record<string, unknown>).__provider } as Partial<UserPasswordOutputs>;
  switch (reason) {
    case "outcome-unknown":
      return { ...base, ...provider, pendingPassword: inputs.password };
    case "old-rejected-unverified":
      return { ...base, ...provider, pendingPassword: inputs.password, syncStatus: OUT_OF_SYNC };
    case "neither-password-works":
      // A creation changed nothing and has nothing to remember; the user fixes currentPassword.
      return creating ? undefined : { ...withoutPending, ...provider, syncStatus: OUT_OF_SYNC };
    default:
      return undefined;
  }
}

/** Builds the state of a resource whose creation has not changed the password yet, so the account has `currentPassword`. */
export function stateBeforeCreation(inputs: UserPasswordInputs): UserPasswordOutputs {
  return {
    userId: inputs.userId,
    password: inputs.currentPassword,
    currentPassword: inputs.currentPassword,
    accessToken: "",
    refreshToken: "",
    accessTokenExpiresAt: "unknown",
    refreshTokenExpiresAt: "unknown",
    rotatedAt: "never",
    rotationCount: 0,
    passwordVersion: inputs.passwordVersion,
    rotationReason: inputs.rotationReason,
    syncStatus: IN_SYNC,
    ...(typeof inputs.verifyOnRefresh === "boolean" ? { verifyOnRefresh: inputs.verifyOnRefresh } : {}),
    ...(inputs.apiKey === undefined ? {} : { apiKey: inputs.apiKey }),
  };
}

/**
 * Builds the error that makes the engine save `properties` as the resource's state although the
 * operation failed (the dynamic-provider host reports an error with `id` as a partial failure).
 */
export function errorWithState(error: Error, id: string, properties: UserPasswordOutputs): Error {
  return Object.assign(error, { id, properties, reasons: [error.message] });
}
