import type { KeyedLock } from "../keyed-lock";
import type { LockoutTracker } from "../lockout";
import type { TokenService } from "../token-service";
import type { UserStore } from "../user-store";

/** State shared by all Gcore route handlers of one emulator. */
export interface EmulatorState {
  store: UserStore;
  tokens: TokenService;
  /** Serializes password changes per user id, so two concurrent changes cannot both accept the same old password. */
  passwordChangeLock: KeyedLock<number>;
  /** Failed password attempts per user, and the users locked out. */
  lockout: LockoutTracker;
}

/** Parts of the HTTP request that a route handler uses. */
export interface RouteRequest {
  /** The `{userId}` path parameter, for routes that have one. */
  userId?: number;
  /** The `Authorization` header, if sent. */
  authorization?: string;
  /** Reads the body and parses it as JSON. Throws a 400 or 413 `ApiError`. */
  readJson(): Promise<unknown>;
}

/** A successful response. Failures are thrown as `ApiError`. */
export interface RouteResult {
  status: number;
  body: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

export type RouteHandler = (request: RouteRequest, state: EmulatorState) => Promise<RouteResult>;
