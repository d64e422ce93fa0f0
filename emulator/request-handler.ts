import type { IncomingMessage, RequestListener } from "node:http";
import { performance } from "node:perf_hooks";
import { ApiError } from "./api-errors";
import { ADMIN_PATH_PREFIX, handleAdminRequest, type AdminState } from "./handlers/admin";
import type { EmulatorState, RouteResult } from "./handlers/handler-types";
import { parseJsonBody, readBody, sendJson } from "./http-io";
import { isLoopback } from "./loopback";
import { matchRoute } from "./routes";
import type { RouteKey } from "./types";

/** Everything the request listener needs from one emulator. */
export interface ListenerState extends EmulatorState, AdminState {
  /** Receives one line per request and per internal error. */
  log: (line: string) => void;
}

/**
 * Creates the HTTP request listener. It routes each request, counts Gcore routes, turns thrown
 * `ApiError`s into their responses and logs one line per request. Log lines contain the method,
 * the path without its query string, the status and the duration, and never a header or body.
 */
export function createRequestListener(state: ListenerState): RequestListener {
  return (request, response) => {
    const startedAt = performance.now();
    const method = request.method ?? "GET";
    const pathname = pathnameOf(request.url ?? "/");

    void respond(request, method, pathname, state).then(({ key, result }) => {
      sendJson(response, result.status, result.body);
      if (key !== undefined) {
        state.counter.record(key, result.status);
      }

      const elapsed = Math.round(performance.now() - startedAt);
      state.log(`${method} ${pathname} ${result.status} ${elapsed}ms`);
    });
  };
}

/**
 * Returns the path of a request target without its query string, which is never logged.
 * A target in absolute form ("http://host/path") is reduced to its path.
 */
function pathnameOf(target: string): string {
  if (target.startsWith("/")) {
    return target.split("?")[0];
  }

  try {
    return new URL(target).pathname;
  } catch {
    return target.split("?")[0];
  }
}

/** Computes the response, and the route key to count it under, or none for admin requests. */
async function respond(
  request: IncomingMessage,
  method: string,
  pathname: string,
  state: ListenerState,
): Promise<{ key: RouteKey | undefined; result: RouteResult }> {
  const readJson = async () => parseJsonBody(await readBody(request));

  if (pathname.startsWith(ADMIN_PATH_PREFIX)) {
    if (!isLoopback(request.socket.remoteAddress)) {
      return { key: undefined, result: errorResult(ApiError.permissionDenied()) };
    }

    const result = await runSafely(() => handleAdminRequest(method, pathname, readJson, state), pathname, state.log);
    return { key: undefined, result };
  }

  const route = matchRoute(method, pathname);
  if (route.key === "other") {
    return { key: "other", result: errorResult(route.error) };
  }

  const routeRequest = { userId: route.userId, authorization: request.headers.authorization, readJson };
  const result = await runSafely(() => route.handler(routeRequest, state), route.key, state.log);

  return { key: route.key, result };
}

/** Runs a handler and converts what it throws: an `ApiError` to its response, anything else to a logged 500. */
async function runSafely(handler: () => Promise<RouteResult>, routeName: string, log: (line: string) => void): Promise<RouteResult> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof ApiError) {
      return errorResult(error);
    }

    const reason = error instanceof Error ? error.message : String(error);
    log(`Internal error while handling ${routeName}: ${reason}`);
    return errorResult(ApiError.serverError());
  }
}

function errorResult(error: ApiError): RouteResult {
  return { status: error.status, body: error.body };
}
