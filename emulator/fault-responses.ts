import { STATUS_CODES } from "node:http";
import { ApiError } from "./api-errors";
import type { RouteResult } from "./handlers/handler-types";
import type { RouteKey } from "./types";

/** Body of Gcore's 429 response. */
export const RATE_LIMIT_BODY = { detail: "Rate limit exceeded" };

/**
 * Returns the response a `failNext` fault sends: `status` with the error body Gcore gives for it on
 * that route. Statuses Gcore documents no body for get `{"detail": "<reason phrase>"}`.
 */
export function injectedFailure(key: RouteKey, status: number): RouteResult {
  const error = knownError(key, status);
  if (error !== undefined) {
    return { status, body: error.body };
  }
  if (status === 429) {
    return { status, body: { ...RATE_LIMIT_BODY } };
  }

  return { status, body: { detail: STATUS_CODES[status] ?? "Error" } };
}

/** Returns the response a `rateLimitNext` fault sends. */
export function rateLimited(retryAfterSeconds: number): RouteResult {
  return { status: 429, body: { ...RATE_LIMIT_BODY }, headers: { "Retry-After": String(retryAfterSeconds) } };
}

/** Gcore's error for `status` on the route `key`, taken from what the route sends for that status itself. */
function knownError(key: RouteKey, status: number): ApiError | undefined {
  switch (status) {
    case 400:
      return key === "PUT /iam/users/{userId}/password"
        ? ApiError.validation({ old: ["Old password is incorrect"] })
        : ApiError.validation({ non_field_errors: ["Invalid input."] });
    case 401:
      return unauthorized(key);
    case 403:
      return ApiError.permissionDenied();
    case 404:
      return key === "GET /iam/users/{userId}" ? ApiError.userNotFound() : ApiError.notFound();
    case 500:
      return ApiError.serverError();
    default:
      return undefined;
  }
}

function unauthorized(key: RouteKey): ApiError {
  switch (key) {
    case "POST /iam/auth/jwt/login":
      return ApiError.noActiveAccount();
    case "POST /iam/auth/jwt/refresh":
      return ApiError.tokenInvalid();
    default:
      return ApiError.notAuthenticated();
  }
}
