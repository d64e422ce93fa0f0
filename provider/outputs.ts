import { decodeTokenExpiry, type TokenPair } from "../sdk";
import type { UserPasswordInputs } from "./inputs";
import type { RotationReason } from "./inputs-version";
import { IN_SYNC } from "./sync-status";

/** The state a `UserPassword` stores after each password change. */
export interface UserPasswordOutputs {
  userId: number;
  /** The account's password now. */
  password: string;
  /** The `currentPassword` input at the last change; a new value declares the account's real password. */
  currentPassword: string;
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string;
  rotatedAt: string;
  /** How many times this resource has changed (or confirmed) the password. */
  rotationCount: number;
  passwordVersion: number;
  rotationReason: RotationReason;
  /** "in sync", or an "out of sync: ..." sentence after a refresh found the stored password rejected. */
  syncStatus: string;
  /** The resource's own `verifyOnRefresh` input, when it sets one. */
  verifyOnRefresh?: boolean;
  /** The resource's own API key, when it sets one; refresh needs it. */
  apiKey?: string;
  /** A password a failed run sent but could not confirm; the next run logs in with it first. */
  pendingPassword?: string;
}

/** Builds the resource state after the account's password was changed or confirmed. */
export function buildOutputs(inputs: UserPasswordInputs, tokens: TokenPair, rotatedAt: Date, rotationCount: number): UserPasswordOutputs {
  return {
    userId: inputs.userId,
    password: inputs.password,
    currentPassword: inputs.currentPassword,
    accessToken: tokens.access,
    refreshToken: tokens.refresh,
    accessTokenExpiresAt: expiryOf(tokens.access),
    refreshTokenExpiresAt: expiryOf(tokens.refresh),
    rotatedAt: rotatedAt.toISOString(),
    rotationCount,
    passwordVersion: inputs.passwordVersion,
    rotationReason: inputs.rotationReason,
    syncStatus: IN_SYNC,
    ...(typeof inputs.verifyOnRefresh === "boolean" ? { verifyOnRefresh: inputs.verifyOnRefresh } : {}),
    ...(inputs.apiKey === undefined ? {} : { apiKey: inputs.apiKey }),
  };
}

/**
 * Reads a token's expiry as an ISO 8601 timestamp, or "unknown" when the token has no readable `exp`.
 * It never throws: the password has already changed when this runs, and losing that fact to a
 * malformed token would leave state with a password the account no longer has.
 */
function expiryOf(token: string): string {
  try {
    return decodeTokenExpiry(token).toISOString();
  } catch {
    return "unknown";
  }
}

/**
 * Fills the outputs that state from an older version of this package may lack. The values are what
 * this version records for such a resource: version 1, "first creation" and "in sync" (no drift
 * recorded). The rotation count becomes 1 when the state has a change time, else 0.
 */
export function withCurrentOutputKeys(stored: UserPasswordOutputs): UserPasswordOutputs {
  const recordedChange = typeof stored.rotatedAt === "string" && stored.rotatedAt !== "never";
  return {
    ...stored,
    rotationCount: stored.rotationCount ?? (recordedChange ? 1 : 0),
    passwordVersion: stored.passwordVersion ?? 1,
    rotationReason: stored.rotationReason ?? "first creation",
    syncStatus: stored.syncStatus ?? IN_SYNC,
  };
}
