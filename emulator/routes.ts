import { ApiError } from "./api-errors";
import { changePassword } from "./handlers/change-password";
import { getUser } from "./handlers/get-user";
import type { RouteHandler } from "./handlers/handler-types";
import { login } from "./handlers/login";
import { refresh } from "./handlers/refresh";
import type { RouteKey } from "./types";

interface Route {
  key: Exclude<RouteKey, "other">;
  method: string;
  /** Matches the whole path. The first capture group, if any, is the integer `{userId}`. */
  pattern: RegExp;
  handler: RouteHandler;
}

// Paths match exactly, without a trailing slash, and `{userId}` takes decimal digits only.
const ROUTES: Route[] = [
  { key: "PUT /iam/users/{userId}/password", method: "PUT", pattern: /^\/iam\/users\/([0-9]+)\/password$/, handler: changePassword },
  { key: "POST /iam/auth/jwt/login", method: "POST", pattern: /^\/iam\/auth\/jwt\/login$/, handler: login },
  { key: "POST /iam/auth/jwt/refresh", method: "POST", pattern: /^\/iam\/auth\/jwt\/refresh$/, handler: refresh },
  { key: "GET /iam/users/{userId}", method: "GET", pattern: /^\/iam\/users\/([0-9]+)$/, handler: getUser },
];

/** A request matched to a route, or to "other" with the error to send. */
export type RouteMatch =
  | { key: Exclude<RouteKey, "other">; handler: RouteHandler; userId?: number }
  | { key: "other"; error: ApiError };

/** Finds the route for a request. An unknown path is 404 and a known path with another method is 405. */
export function matchRoute(method: string, pathname: string): RouteMatch {
  let pathMatched = false;

  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (match === null) {
      continue;
    }
    pathMatched = true;
    if (route.method !== method) {
      continue;
    }

    // An id above the safe integer range loses precision here, but it still matches no user because seed ids are safe integers.
    const userId = match[1] === undefined ? undefined : Number(match[1]);

    return { key: route.key, handler: route.handler, userId };
  }

  return { key: "other", error: pathMatched ? ApiError.methodNotAllowed(method) : ApiError.notFound() };
}
