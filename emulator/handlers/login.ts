import { ApiError } from "../api-errors";
import { readStringFields } from "../body-fields";
import { verifyPassword } from "../password-hash";
import type { RouteHandler } from "./handler-types";

/**
 * `POST /iam/auth/jwt/login`: exchanges an e-mail and password for a token pair.
 * `one_time_password` is accepted and ignored, because no emulated user has two-factor authentication.
 * A user locked by the lockout policy gets 403 whatever the password.
 */
export const login: RouteHandler = async (request, state) => {
  const fields = readStringFields(await request.readJson(), ["username", "password"], ["one_time_password"]);

  const user = state.store.findByEmail(fields.username);
  if (user === undefined) {
    throw ApiError.noActiveAccount();
  }
  if (state.lockout.isLocked(user.id)) {
    throw ApiError.userLocked();
  }
  if (!(await verifyPassword(fields.password, user.passwordHash))) {
    state.lockout.recordFailure(user.id);
    throw ApiError.noActiveAccount();
  }

  state.lockout.recordSuccess(user.id);

  return { status: 200, body: await state.tokens.issuePair(user) };
};
