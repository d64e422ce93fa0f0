import { decodeTokenExpiry, type TokenPair } from "../sdk";

/** The state a `UserPassword` stores after each password change. */
export interface UserPasswordOutputs {
  userId: number;
  password: string;
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string;
  rotatedAt: string;
}

/** Builds the resource state after a successful password change. */
export function buildOutputs(userId: number, password: string, tokens: TokenPair, rotatedAt: Date): UserPasswordOutputs {
  return {
    userId,
    password,
    accessToken: tokens.access,
    refreshToken: tokens.refresh,
    accessTokenExpiresAt: expiryOf(tokens.access),
    refreshTokenExpiresAt: expiryOf(tokens.refresh),
    rotatedAt: rotatedAt.toISOString(),
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
