import { decodeJwt, errors as joseErrors } from "jose";

import { GcoreResponseError } from "./errors";

/** A compact JWT: three base64url parts, the payload non-empty. */
const COMPACT_JWT = /^[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Reads the expiry time (`exp` claim) of a JWT without verifying its signature.
 *
 * Use it only to decide when to refresh a token the client received from Gcore, never to trust a token.
 * Error messages never contain the token.
 *
 * @throws GcoreResponseError when the value is not a JWT or has no numeric `exp` claim.
 */
export function decodeTokenExpiry(jwt: string): Date {
  // jose's base64url decoder in Node also accepts "+" and "/", so the alphabet is checked here first.
  if (typeof jwt !== "string" || !COMPACT_JWT.test(jwt)) {
    throw new GcoreResponseError("The token is not a JWT: expected three dot-separated base64url parts with a non-empty payload.");
  }

  const claims = decodeClaims(jwt);
  const expiry = typeof claims.exp === "number" ? new Date(claims.exp * 1000) : undefined;
  if (expiry === undefined || Number.isNaN(expiry.getTime())) {
    throw new GcoreResponseError("The token has no valid numeric exp claim, so its expiry is unknown.");
  }
  return expiry;
}

/** Decodes the payload with jose's `decodeJwt`, turning its errors into `GcoreResponseError`s without a cause. */
function decodeClaims(jwt: string): Record<string, unknown> {
  try {
    return decodeJwt(jwt);
  } catch (error) {
    if (!(error instanceof joseErrors.JWTInvalid)) {
      throw error;
    }
    // The cause is left out on purpose, so that no error ever links to the token. jose's messages name
    // the failed step; the claims-set one means the payload is valid JSON but not an object.
    if (error.message === "Invalid JWT Claims Set") {
      throw new GcoreResponseError("The token's payload is not a JSON object.");
    }
    throw new GcoreResponseError("The token's payload is not base64url-encoded JSON.");
  }
}
