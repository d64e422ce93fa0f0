import { ApiError } from "../api-errors";
import { readStringFields } from "../body-fields";
import type { RouteHandler } from "./handler-types";

/** `POST /iam/auth/jwt/refresh`: exchanges a refresh token, once, for a new token pair. */
export const refresh: RouteHandler = async (request, state) => {
  const fields = readStringFields(await request.readJson(), ["refresh"]);

  const check = await state.tokens.redeemRefreshToken(fields.refresh);
  if ("rejection" in check) {
    switch (check.rejection) {
      case "blacklisted":
        throw ApiError.tokenBlacklisted();
      case "wrong_type":
        throw ApiError.tokenWrongType();
      case "invalid":
        throw ApiError.tokenInvalid();
    }
  }

  const user = state.store.findById(check.userId);
  if (user === undefined) {
    throw ApiError.tokenInvalid();
  }

  return { status: 200, body: await state.tokens.issuePair(user) };
};
