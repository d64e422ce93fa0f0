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
 */
export const changePassword: RouteHandler = async (request, state) => {
  const caller = authenticate(request.authorization, state.store, state.tokens);
  if (caller.id !== request.userId) {
    throw ApiError.permissionDenied();
  }

  const fields = readStringFields(await request.readJson(), ["old", "new", "double"]);

  return state.passwordChangeLock.run(caller.id, async () => {
    const errors: FieldErrors = {};
    if (!(await verifyPassword(fields.old, caller.passwordHash))) {
      errors.old = ["Old password is incorrect"];
    }
    if (fields.new !== fields.double) {
      errors.new = ["New and double values don't match"];
    }
    if (Object.keys(errors).length > 0) {
      throw ApiError.validation(errors);
    }

    state.store.setPasswordHash(caller.id, await hashPassword(fields.new));

    return { status: 200, body: state.tokens.issuePair(caller) };
  });
};
