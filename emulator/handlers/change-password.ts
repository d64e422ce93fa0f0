import { ApiError, type FieldErrors } from "../api-errors";
import { authenticate } from "../authentication";
import { readStringFields } from "../body-fields";
import { hashPassword, verifyPassword } from "../password-hash";
import type { RouteHandler } from "./handler-types";

/**
 * `PUT /iam/users/{userId}/password`: replaces the caller's password and returns a new token pair.
 *
 * A caller may change only their own password. Any other user id gets 403, whether or not that
 * user exists, so a token cannot probe user ids. This route therefore never returns 404.
 * A user locked by the lockout policy gets 403 whatever the old password, and a wrong old password
 * counts as a failed attempt.
 */
export const changePassword: RouteHandler = async (request, state) => {
  const caller = await authenticate(request.authorization, state.store, state.tokens);
  if (caller.id !== request.userId) {
    throw ApiError.permissionDenied();
  }

  const fields = readStringFields(await request.readJson(), ["old", "new", "double"]);

  return state.passwordChangeLock.run(caller.id, async () => {
    if (state.lockout.isLocked(caller.id)) {
      throw ApiError.userLocked();
    }

    const errors: FieldErrors = {};
    if (!(await verifyPassword(fields.old, caller.passwordHash))) {
      errors.old = ["Old password is incorrect"];
      state.lockout.recordFailure(caller.id);
    }
    if (fields.new !== fields.double) {
      errors.new = ["New and double values don't match"];
    }
    if (Object.keys(errors).length > 0) {
      throw ApiError.validation(errors);
    }

    state.store.setPasswordHash(caller.id, await hashPassword(fields.new));
    state.lockout.recordSuccess(caller.id);

    return { status: 200, body: await state.tokens.issuePair(caller) };
  });
};
