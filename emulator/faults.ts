import type { LockoutPolicy, RouteAlias, RouteFault, RouteFaults, RouteKey } from "./types";

/** Route key of each alias. */
export const ROUTE_ALIASES: Readonly<Record<RouteAlias, Exclude<RouteKey, "other">>> = {
  "change-password": "PUT /iam/users/{userId}/password",
  login: "POST /iam/auth/jwt/login",
  refresh: "POST /iam/auth/jwt/refresh",
  "get-user": "GET /iam/users/{userId}",
};

const ROUTE_KEYS: readonly RouteKey[] = [...Object.values(ROUTE_ALIASES), "other"];

/** Maximum latency a fault may set: ten minutes, far above any client timeout worth testing. */
export const MAX_LATENCY_MS = 10 * 60 * 1000;

/** Raised for a fault or lockout setting the emulator cannot use. `field` names the bad part, such as "failNext.status". */
export class InvalidSettingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "InvalidSettingError";
  }
}

/** Returns the route key of a route key or alias, or throws an `InvalidSettingError`. */
export function resolveRoute(route: string): RouteKey {
  if (Object.hasOwn(ROUTE_ALIASES, route)) {
    return ROUTE_ALIASES[route as RouteAlias];
  }
  if ((ROUTE_KEYS as readonly string[]).includes(route)) {
    return route as RouteKey;
  }

  const aliases = Object.keys(ROUTE_ALIASES).join(", ");
  throw new InvalidSettingError("route", `Unknown route ${JSON.stringify(route)}. Use one of the aliases ${aliases}, or a route key such as "${ROUTE_ALIASES.login}".`);
}

/** Checks that `value` is a `RouteFault` and returns a copy without zero counters. Throws an `InvalidSettingError`. */
export function validateRouteFault(value: unknown): RouteFault {
  const input = requireObject(value, "fault", ["latencyMs", "failNext", "rateLimitNext", "dropAfterCommitNext"]);
  const fault: RouteFault = {};

  if (input.latencyMs !== undefined) {
    fault.latencyMs = requireInteger(input.latencyMs, "latencyMs", 0, MAX_LATENCY_MS);
  }
  if (input.failNext !== undefined) {
    const failNext = requireObject(input.failNext, "failNext", ["count", "status"]);
    const count = requireInteger(failNext.count, "failNext.count", 0);
    const status = requireInteger(failNext.status, "failNext.status", 400, 599);
    if (count > 0) {
      fault.failNext = { count, status };
    }
  }
  if (input.rateLimitNext !== undefined) {
    const rateLimitNext = requireObject(input.rateLimitNext, "rateLimitNext", ["count", "retryAfterSeconds"]);
    const count = requireInteger(rateLimitNext.count, "rateLimitNext.count", 0);
    const retryAfterSeconds = requireInteger(rateLimitNext.retryAfterSeconds, "rateLimitNext.retryAfterSeconds", 0);
    if (count > 0) {
      fault.rateLimitNext = { count, retryAfterSeconds };
    }
  }
  if (input.dropAfterCommitNext !== undefined) {
    const count = requireInteger(input.dropAfterCommitNext, "dropAfterCommitNext", 0);
    if (count > 0) {
      fault.dropAfterCommitNext = count;
    }
  }

  return fault;
}

/** Checks that `value` is a `LockoutPolicy` and returns a copy. Throws an `InvalidSettingError`. */
export function validateLockoutPolicy(value: unknown): LockoutPolicy {
  const input = requireObject(value, "lockout", ["maxFailedAttempts"]);

  return { maxFailedAttempts: requireInteger(input.maxFailedAttempts, "maxFailedAttempts", 1) };
}

/** Action a fault takes on one request. */
export type FaultAction = "handle" | "fail" | "rate-limit" | "drop-after-commit";

/** The fault applied to one request, as `FaultTable.take` decides it. */
export interface FaultDecision {
  /** Milliseconds to wait before handling. */
  latencyMs: number;
  action: FaultAction;
  /** Status to send for "fail". */
  status?: number;
  /** Retry-After value to send for "rate-limit". */
  retryAfterSeconds?: number;
  /** Requests left for the counter this request consumed. */
  remaining?: number;
}

/** The faults in place per route key, with the counters that requests consume. */
export class FaultTable {
  private readonly faults = new Map<RouteKey, RouteFault>();

  /** Replaces the fault of `route` with a validated copy of `fault`, or clears it when nothing is left to apply. */
  set(route: string, fault: unknown): RouteKey {
    const key = resolveRoute(route);
    const valid = validateRouteFault(fault);

    this.faults.delete(key);
    if (!isSpent(valid)) {
      this.faults.set(key, valid);
    }
    return key;
  }

  /** Clears the fault of one route, or every fault. */
  clear(route?: string): void {
    if (route === undefined) {
      this.faults.clear();
      return;
    }

    this.faults.delete(resolveRoute(route));
  }

  /** Returns a deep copy of the faults in place. */
  get(): RouteFaults {
    const copy: RouteFaults = {};
    for (const [key, fault] of this.faults) {
      copy[key] = structuredClone(fault);
    }

    return copy;
  }

  /** Decides what happens to the next request of `key`, and consumes one count of the counter it uses. */
  take(key: RouteKey): FaultDecision {
    const fault = this.faults.get(key);
    if (fault === undefined) {
      return { latencyMs: 0, action: "handle" };
    }

    const decision = consume(fault);
    if (isSpent(fault)) {
      this.faults.delete(key);
    }
    return decision;
  }
}

/** Consumes one count of the first counter still running, in the order failNext, rateLimitNext, dropAfterCommitNext. */
function consume(fault: RouteFault): FaultDecision {
  const latencyMs = fault.latencyMs ?? 0;

  if (fault.failNext !== undefined) {
    const { status } = fault.failNext;
    const remaining = --fault.failNext.count;
    if (remaining === 0) {
      delete fault.failNext;
    }
    return { latencyMs, action: "fail", status, remaining };
  }

  if (fault.rateLimitNext !== undefined) {
    const { retryAfterSeconds } = fault.rateLimitNext;
    const remaining = --fault.rateLimitNext.count;
    if (remaining === 0) {
      delete fault.rateLimitNext;
    }
    return { latencyMs, action: "rate-limit", retryAfterSeconds, remaining };
  }

  if (fault.dropAfterCommitNext !== undefined) {
    const remaining = --fault.dropAfterCommitNext;
    if (remaining === 0) {
      delete fault.dropAfterCommitNext;
    }
    return { latencyMs, action: "drop-after-commit", remaining };
  }

  return { latencyMs, action: "handle" };
}

/** Tells whether a fault has no counter and no latency left, so it has nothing more to do. */
function isSpent(fault: RouteFault): boolean {
  return fault.latencyMs === undefined && fault.failNext === undefined && fault.rateLimitNext === undefined && fault.dropAfterCommitNext === undefined;
}

function requireObject(value: unknown, field: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidSettingError(field, `${field} must be a JSON object.`);
  }

  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    const prefix = field === "fault" || field === "lockout" ? "" : `${field}.`;
    throw new InvalidSettingError(`${prefix}${unknown[0]}`, `${field} has the unknown field ${JSON.stringify(unknown[0])}. Allowed fields: ${allowed.join(", ")}.`);
  }

  return value as Record<string, unknown>;
}

function requireInteger(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidSettingError(field, `${field} must be an integer from ${min} to ${max}, got ${JSON.stringify(value) ?? "nothing"}.`);
  }

  return value;
}
