import { ApiError } from "./api-errors";
import { looksLikeApiToken } from "./api-token";
import type { TokenService } from "./token-service";
import type { StoredUser, UserStore } from "./user-store";

/**
 * Returns the user that the `Authorization` header authenticates, or throws a 401 `ApiError`.
 *
 * `APIKey <token>` (scheme in any letter case) accepts a permanent API token from the seed.
 * `Bearer <jwt>` accepts an unexpired access token issued by this emulator.
 * NOTE: The Bearer scheme is matched case-sensitively, as SimpleJWT does. Whether Gcore accepts
 * "bearer" is not documented.
 */
export async function authenticate(header: string | undefined, store: UserStore, tokens: TokenService): Promise<StoredUser> {
  const match = /^(\S+) +(\S+)$/.exec(header?.trim() ?? "");
  if (match === null) {
    throw ApiError.notAuthenticated();
  }
  const [, scheme, credential] = match;

  if (scheme.toLowerCase() === "apikey") {
    return authenticateApiToken(credential, store);
  }
  if (scheme === "Bearer") {
    return authenticateAccessToken(credential, store, tokens);
  }

  throw ApiError.notAuthenticated();
}

function authenticateApiToken(token: string, store: UserStore): StoredUser {
  const user = store.findByApiToken(token);
  if (user === undefined) {
    throw ApiError.notAuthenticated();
  }

  return user;
}

async function authenticateAccessToken(token: string, store: UserStore, tokens: TokenService): Promise<StoredUser> {
  // A permanent token sent with the wrong scheme gets Gcore's hint rather than "invalid or expired".
  if (looksLikeApiToken(token)) {
    throw ApiError.tokenNotValidForAnyType();
  }

  const check = await tokens.checkAccessToken(token);
  if ("rejection" in check) {
    throw check.rejection === "wrong_type" ? ApiError.tokenNotValidForAnyType() : ApiError.tokenInvalid();
  }

  const user = store.findById(check.userId);
  if (user === undefined) {
    throw ApiError.tokenInvalid();
  }

  return user;
}
