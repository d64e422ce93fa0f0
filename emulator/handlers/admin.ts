import { ApiError } from "../api-errors";
import { readStringFields } from "../body-fields";
import { InvalidSettingError, type FaultTable } from "../faults";
import type { LockoutTracker } from "../lockout";
import { verifyPassword } from "../password-hash";
import type { RequestCounter } from "../request-counter";
import type { UserStore } from "../user-store";
import type { RouteResult } from "./handler-types";

/** Path prefix of the emulator's own endpoints. They need no Gcore credentials and are not counted. */
export const ADMIN_PATH_PREFIX = "/__emulator/";

/** State that the admin endpoints read and change. */
export interface AdminState {
  counter: RequestCounter;
  store: UserStore;
  publicKeyPem: string;
  faults: FaultTable;
  lockout: LockoutTracker;
  log: (line: string) => void;
}

/**
 * Serves the emulator's own endpoints:
 * - `GET /__emulator/requests`: request counts by route key.
 * - `GET /__emulator/requests/statuses`: response counts by route key and status.
 * - `GET /__emulator/connections`: `{"connections": n}`, the TCP connections that carried counted requests.
 * - `POST /__emulator/requests/reset`: sets the request, status and connection counts back to zero and returns 204.
 * - `POST /__emulator/users/{userId}/password-check` with `{"password": "..."}`: returns `{"matches": boolean}`.
 * - `GET /__emulator/public-key`: returns `{"pem": "..."}`, the key that verifies issued JWTs.
 * - `GET /__emulator/faults`: the faults in place by route key.
 * - `PUT /__emulator/faults/{alias}` with a `RouteFault`: replaces that route's fault and returns all faults.
 * - `DELETE /__emulator/faults` and `DELETE /__emulator/faults/{alias}`: clear every fault or one, 204.
 * - `GET /__emulator/lockout`: returns `{"maxFailedAttempts": n or null, "lockedUserIds": [...]}`.
 * - `PUT /__emulator/lockout` with `{"maxFailedAttempts": n}`, or `{}` to turn lockout off: returns the same.
 */
export async function handleAdminRequest(
  method: string,
  pathname: string,
  readJson: () => Promise<unknown>,
  state: AdminState,
): Promise<RouteResult> {
  const path = pathname.slice(ADMIN_PATH_PREFIX.length);

  if (path === "requests" && method === "GET") {
    return { status: 200, body: state.counter.requestCounts() };
  }
  if (path === "requests/statuses" && method === "GET") {
    return { status: 200, body: state.counter.statusCounts() };
  }
  if (path === "connections" && method === "GET") {
    return { status: 200, body: { connections: state.counter.connectionCount() } };
  }
  if (path === "requests/reset" && method === "POST") {
    state.counter.reset();
    return { status: 204, body: undefined };
  }
  if (path === "public-key" && method === "GET") {
    return { status: 200, body: { pem: state.publicKeyPem } };
  }

  if (path === "faults" || path.startsWith("faults/")) {
    return handleFaultRequest(method, path.slice("faults/".length), readJson, state);
  }
  if (path === "lockout") {
    return handleLockoutRequest(method, readJson, state);
  }

  const passwordCheck = /^users\/([0-9]+)\/password-check$/.exec(path);
  if (passwordCheck !== null && method === "POST") {
    return checkPassword(Number(passwordCheck[1]), await readJson(), state.store);
  }

  throw ApiError.notFound();
}

async function checkPassword(userId: number, body: unknown, store: UserStore): Promise<RouteResult> {
  const user = store.findById(userId);
  if (user === undefined) {
    throw ApiError.userNotFound();
  }

  const { password } = readStringFields(body, ["password"]);

  return { status: 200, body: { matches: await verifyPassword(password, user.passwordHash) } };
}

/** Serves `/__emulator/faults` and `/__emulator/faults/{alias}`. `alias` is empty for the collection. */
async function handleFaultRequest(method: string, alias: string, readJson: () => Promise<unknown>, state: AdminState): Promise<RouteResult> {
  if (alias === "" && method === "GET") {
    return { status: 200, body: state.faults.get() };
  }
  if (alias === "" && method === "DELETE") {
    state.faults.clear();
    state.log("fault: cleared on every route");
    return { status: 204, body: undefined };
  }
  if (alias === "" || (method !== "PUT" && method !== "DELETE")) {
    throw ApiError.methodNotAllowed(method);
  }

  const route = decodePathSegment(alias);
  if (method === "DELETE") {
    applySetting(() => state.faults.clear(route));
    state.log(`fault: cleared on ${route}`);
    return { status: 204, body: undefined };
  }

  const fault = await readJson();
  const key = applySetting(() => state.faults.set(route, fault));
  state.log(`fault: ${key} set to ${JSON.stringify(state.faults.get()[key] ?? {})}`);
  return { status: 200, body: state.faults.get() };
}

/** Serves `/__emulator/lockout`. A PUT with `{}` turns lockout off. */
async function handleLockoutRequest(method: string, readJson: () => Promise<unknown>, state: AdminState): Promise<RouteResult> {
  if (method === "PUT") {
    const policy = await readJson();
    const turnOff = typeof policy === "object" && policy !== null && !Array.isArray(policy) && Object.keys(policy).length === 0;
    applySetting(() => state.lockout.setPolicy(turnOff ? undefined : policy));
  } else if (method !== "GET") {
    throw ApiError.methodNotAllowed(method);
  }

  const policy = state.lockout.currentPolicy();
  return { status: 200, body: { maxFailedAttempts: policy?.maxFailedAttempts ?? null, lockedUserIds: state.lockout.lockedUserIds() } };
}

/** Runs `change` and turns an `InvalidSettingError` into a 400 that names the bad field. */
function applySetting<T>(change: () => T): T {
  try {
    return change();
  } catch (error) {
    if (error instanceof InvalidSettingError) {
      throw ApiError.validation({ [error.field]: [error.message] });
    }
    throw error;
  }
}

/** Decodes a percent-encoded path segment, so that a route key also works in place of an alias. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
