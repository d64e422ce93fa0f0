import { GcoreResponseError } from "./errors";
import { isRecord } from "./parse";

/**
 * Reads the expiry time (`exp` claim) of a JWT without verifying its signature.
 *
 * Use it only to decide when to refresh a token the client received from Gcore, never to trust a token.
 * Error messages never contain the token.
 *
 * @throws GcoreResponseError when the value is not a JWT or has no numeric `exp` claim.
 */
export function decodeTokenExpiry(jwt: string): Date {
  // NOTE: decoded here instead of with jose's decodeJwt because jose 6 ships only ES modules,
  // which the project's CommonJS Jest setup cannot load. The checks match decodeJwt's.
  const parts = typeof jwt === "string" ? jwt.split(".") : [];
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1])) {
    throw new GcoreResponseError("The token is not a JWT: expected three dot-separated base64url parts with a non-empty payload.");
  }

  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
  } catch {
    // The cause is left out: JSON.parse quotes part of the payload.
    throw new GcoreResponseError("The token's payload is not base64url-encoded JSON.");
  }
  if (!isRecord(claims)) {
    throw new GcoreResponseError("The token's payload is not a JSON object.");
  }

  const expiry = typeof claims.exp === "number" ? new Date(claims.exp * 1000) : undefined;
  if (expiry === undefined || Number.isNaN(expiry.getTime())) {
    throw new GcoreResponseError("The token has no valid numeric exp claim, so its expiry is unknown.");
  }
  return expiry;
}
