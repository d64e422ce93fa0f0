import { ApiError } from "../api-errors";
import { authenticate } from "../authentication";
import { toUserPublic } from "../user-public";
import type { RouteHandler } from "./handler-types";

/**
 * `GET /iam/users/{userId}`: returns a user of the caller's own client.
 * A user of another client gets the same 404 as a missing user, so a token cannot probe other accounts.
 */
export const getUser: RouteHandler = async (request, state) => {
  const caller = await authenticate(request.authorization, state.store, state.tokens);

  const user = request.userId === undefined ? undefined : state.store.findById(request.userId);
  if (user === undefined || user.clientId !== caller.clientId) {
    throw ApiError.userNotFound();
  }

  return { status: 200, body: toUserPublic(user) };
};
