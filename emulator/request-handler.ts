import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { ApiError } from "./api-errors";
import { injectedFailure, rateLimited } from "./fault-responses";
import type { FaultDecision, FaultTable } from "./faults";
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
  /** Faults to apply to Gcore routes. */
  faults: FaultTable;
  /** Aborted when the emulator closes, which ends every fault latency early. */
  closing: AbortSignal;
}

/** Decision `respond` makes for one request. */
interface Outcome {
  /** Route key to count the request under, or undefined for admin requests. */
  key: RouteKey | undefined;
  result: RouteResult;
  /** The fault applied, if any. */
  fault?: FaultDecision;
}

/**
 * Creates the HTTP request listener. It routes each request, applies the route's fault, counts Gcore
 * routes, turns thrown `ApiError`s into their responses and logs one line per request. Log lines
 * contain the method, the path without its query string, the status, the duration and the fault
 * applied, and never a header or body.
 */
export function createRequestListener(state: ListenerState): RequestListener {
  return (request, response) => {
    const startedAt = performance.now();
    const method = request.method ?? "GET";
    const pathname = pathnameOf(request.url ?? "/");

    void respond(request, method, pathname, state).then((outcome) => {
      const delivery = deliver(request, response, outcome);
      if (outcome.key !== undefined) {
        state.counter.record(outcome.key, delivery === "dropped" ? "dropped" : outcome.result.status);
        state.counter.recordConnection(request.socket);
      }

      const elapsed = Math.round(performance.now() - startedAt);
      const notes = [...describeFault(outcome.fault), ...(delivery === "client gone" ? ["client disconnected before the response"] : [])];
      const suffix = notes.length === 0 ? "" : ` [${notes.join("; ")}]`;
      state.log(`${method} ${pathname} ${outcome.result.status} ${elapsed}ms${suffix}`);
    });
  };
}

/** Sends the response, or destroys the connection for a `dropAfterCommitNext` fault. */
function deliver(request: IncomingMessage, response: ServerResponse, outcome: Outcome): "sent" | "dropped" | "client gone" {
  if (outcome.fault?.action === "drop-after-commit") {
    request.socket.destroy();
    return "dropped";
  }
  if (response.destroyed || request.socket.destroyed) {
    return "client gone";
  }

  sendJson(response, outcome.result.status, outcome.result.body, outcome.result.headers);
  return "sent";
}

/** Describes the fault applied to a request for the log, such as "fault failNext 503, 1 left". */
function describeFault(fault: FaultDecision | undefined): string[] {
  if (fault === undefined) {
    return [];
  }

  const notes = fault.latencyMs > 0 ? [`fault latencyMs ${fault.latencyMs}`] : [];
  switch (fault.action) {
    case "fail":
      notes.push(`fault failNext ${fault.status}, ${fault.remaining} left`);
      break;
    case "rate-limit":
      notes.push(`fault rateLimitNext Retry-After ${fault.retryAfterSeconds}, ${fault.remaining} left`);
      break;
    case "drop-after-commit":
      notes.push(`fault dropAfterCommitNext: applied, connection destroyed without a response, ${fault.remaining} left`);
      break;
    case "handle":
      break;
  }

  return notes;
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

/** Computes the response, the route key to count it under (none for admin requests) and the fault applied. */
async function respond(request: IncomingMessage, method: string, pathname: string, state: ListenerState): Promise<Outcome> {
  if (pathname.startsWith(ADMIN_PATH_PREFIX)) {
    if (!isLoopback(request.socket.remoteAddress)) {
      return { key: undefined, result: errorResult(ApiError.permissionDenied()) };
    }

    const readJson = async () => parseJsonBody(await readBody(request));
    const result = await runSafely(() => handleAdminRequest(method, pathname, readJson, state), pathname, state.log);
    return { key: undefined, result };
  }

  // The body is read at once, so that it is complete before any fault latency: a client that gives up
  // during the wait then cannot cut off a change the emulator is about to apply.
  const body = readBody(request);
  const bodyRead = body.then(
    () => undefined,
    () => undefined,
  );
  const readJson = async () => parseJsonBody(await body);

  const route = matchRoute(method, pathname);
  const fault = state.faults.take(route.key);
  const faultApplied = fault.action !== "handle" || fault.latencyMs > 0 ? fault : undefined;

  await bodyRead;
  if (fault.latencyMs > 0) {
    await pause(fault.latencyMs, state.closing);
  }

  if (fault.action === "fail") {
    return { key: route.key, result: injectedFailure(route.key, fault.status ?? 500), fault: faultApplied };
  }
  if (fault.action === "rate-limit") {
    return { key: route.key, result: rateLimited(fault.retryAfterSeconds ?? 0), fault: faultApplied };
  }
  if (route.key === "other") {
    return { key: "other", result: errorResult(route.error), fault: faultApplied };
  }

  const routeRequest = { userId: route.userId, authorization: request.headers.authorization, readJson };
  const result = await runSafely(() => route.handler(routeRequest, state), route.key, state.log);

  return { key: route.key, result, fault: faultApplied };
}

/** Waits `ms` milliseconds, or less if `signal` aborts first. */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // Aborted because the emulator is closing: the request goes on at once.
  }
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
