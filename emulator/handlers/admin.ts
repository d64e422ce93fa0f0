import { ApiError } from "../api-errors";
import { readStringFields } from "../body-fields";
import { verifyPassword } from "../password-hash";
import type { RequestCounter } from "../request-counter";
import type { UserStore } from "../user-store";
import type { RouteResult } from "./handler-types";

/** Path prefix of the emulator's own endpoints. They need no Gcore credentials and are not counted. */
export const ADMIN_PATH_PREFIX = "/__emulator/";

/** State that the admin endpoints read and reset. */
export interface AdminState {
  counter: RequestCounter;
  store: UserStore;
  publicKeyPem: string;
}

/**
 * Serves the emulator's own endpoints:
 * - `GET /__emulator/requests`: request counts by route key.
 * - `GET /__emulator/requests/statuses`: response counts by route key and status.
 * - `POST /__emulator/requests/reset`: sets both back to zero and returns 204.
 * - `POST /__emulator/users/{userId}/password-check` with `{"password": "..."}`: returns `{"matches": boolean}`.
 * - `GET /__emulator/public-key`: returns `{"pem": "..."}`, the key that verifies issued JWTs.
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
  if (path === "requests/reset" && method === "POST") {
    state.counter.reset();
    return { status: 204, body: undefined };
  }
  if (path === "public-key" && method === "GET") {
    return { status: 200, body: { pem: state.publicKeyPem } };
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
