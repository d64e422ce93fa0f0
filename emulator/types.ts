/** Public types of the local Gcore IAM emulator: options, seed data and the running server handle. */

/** A Gcore account, which the API calls a client. Users belong to exactly one client. */
export interface SeedClient {
  /** Account id, a positive integer. Reported as `client` in user records and `client_id` in tokens. */
  id: number;
  /** Company name. Reported as `company` in user records and `client_name` in tokens. */
  name: string;
}

/** A user who can log in, change their password and own API tokens. */
export interface SeedUser {
  /** User id, a positive integer unique across the seed. */
  id: number;
  /** Login name and e-mail address, unique across the seed. */
  email: string;
  /** Initial password in plain text. The emulator keeps only its scrypt hash. */
  password: string;
  /** Id of the client that owns the user. Default: 1000, the implicit "Example Company" client. */
  clientId?: number;
  /** Display name. Default: null. */
  name?: string | null;
  /**
   * Gcore group names: "Administrators", "Users", "Engineers", "Purge and Prefetch only (API)" or
   * "Purge and Prefetch only (API+Web)". Default: ["Users"].
   */
  groups?: string[];
  /** Value of the `is_admin` token claim. Default: false. */
  isAdmin?: boolean;
}

/** A permanent API token, sent as `Authorization: APIKey <token>`. */
export interface SeedApiToken {
  /** Id of the user the token acts as. */
  userId: number;
  /** Token text in Gcore's format `<id>_<hex>`, or the legacy `<id>$<hex>`. */
  token: string;
}

/** Users, clients and API tokens the emulator starts with. */
export interface EmulatorSeed {
  /** Accounts. Default: none. Client 1000 "Example Company" exists even when this list does not declare it. */
  clients?: SeedClient[];
  /** Users. */
  users: SeedUser[];
  /** Permanent API tokens. Default: none. */
  apiTokens?: SeedApiToken[];
}

/** Settings for `startEmulator`. */
export interface EmulatorOptions {
  /** TCP port to listen on. Default: 0, which picks a free port. */
  port?: number;
  /** Address to listen on. Default: "127.0.0.1". */
  host?: string;
  /** Initial users and tokens. Default: `DEMO_SEED`. */
  seed?: EmulatorSeed;
  /**
   * JSON file that keeps users (password hashes only), API token digests, used refresh tokens and the
   * signing key across restarts. It is rewritten atomically after every change. An existing file
   * wins over `seed`, and a missing one is created from it. Default: none, so state lives in memory.
   */
  stateFile?: string;
  /** Clock in milliseconds since the Unix epoch, used for token expiry. Default: `Date.now`. */
  now?: () => number;
  /**
   * Receives one line per request (method, path, status, duration, and the fault applied, if any),
   * per fault or lockout change, per user locked, and per internal error. Default: no logging.
   */
  log?: (line: string) => void;
  /** Faults in place from the start, by route key or alias, as `faults.set` takes them. Default: none. */
  faults?: Partial<Record<RouteKey | RouteAlias, RouteFault>>;
  /** Lockout policy in place from the start, as `setLockout` takes it. Default: none, so users are never locked. */
  lockout?: LockoutPolicy;
}

/** Route keys used by request counting. Requests that match none of the routes count as "other". */
export type RouteKey =
  | "PUT /iam/users/{userId}/password"
  | "POST /iam/auth/jwt/login"
  | "POST /iam/auth/jwt/refresh"
  | "GET /iam/users/{userId}"
  | "other";

/** Short names of the Gcore route keys, for the fault switches, their admin endpoints and command-line flags. */
export type RouteAlias = "change-password" | "login" | "refresh" | "get-user";

/**
 * Misbehaviour injected into one route. Each counter decrements once per matching request, and a
 * request consumes at most one counter, checked in the order `failNext`, `rateLimitNext`,
 * `dropAfterCommitNext`. A counter that reaches 0 disappears, and so does the fault once no counter
 * and no latency is left.
 */
export interface RouteFault {
  /**
   * Milliseconds to wait, after reading the request body, before handling each request. The request
   * is still handled, and a password change still applied, when the client has gone. Stays until cleared.
   */
  latencyMs?: number;
  /** The next `count` requests get `status` (400-599) with Gcore's error body for that status, and are not applied. */
  failNext?: { count: number; status: number };
  /** The next `count` requests get 429 `{"detail": "Rate limit exceeded"}` with `Retry-After: retryAfterSeconds`, and are not applied. */
  rateLimitNext?: { count: number; retryAfterSeconds: number };
  /**
   * The next N requests are applied in full (password changed, refresh token used up, tokens issued)
   * and then the connection is destroyed without a response.
   */
  dropAfterCommitNext?: number;
}

/** Faults per route key. Routes without a fault are absent. */
export type RouteFaults = Partial<Record<RouteKey, RouteFault>>;

/** Switches that inject faults into routes. */
export interface FaultSwitches {
  /** Replaces the fault of a route. An empty fault clears it. Throws an `InvalidSettingError` for an unknown route or a bad value. */
  set(route: RouteKey | RouteAlias, fault: RouteFault): void;
  /** Clears the fault of one route, or of every route when called without one. */
  clear(route?: RouteKey | RouteAlias): void;
  /** Returns a copy of the faults in place, with the counts that remain. */
  get(): RouteFaults;
}

/** When users get locked out after failed password attempts. */
export interface LockoutPolicy {
  /** Failed attempts in a row (failed logins and password changes with a wrong old password) that lock a user. A positive integer. */
  maxFailedAttempts: number;
}

/** Handle to a started emulator. */
export interface RunningEmulator {
  /** Base URL without a trailing slash, for example "http://127.0.0.1:40123". */
  url: string;
  /** Port the server listens on. */
  port: number;
  /** PEM (SPKI) public key that verifies the RS256 signature of every JWT the emulator issues. */
  publicKeyPem: string;
  /** Returns the number of requests per route key since start or the last reset. Every key is present, zero included. */
  requestCounts(): Record<string, number>;
  /**
   * Returns the number of responses per route key and HTTP status, for example `{"POST /iam/auth/jwt/login": {"401": 2}}`.
   * Requests whose connection a `dropAfterCommitNext` fault destroyed count under "dropped".
   */
  statusCounts(): Record<string, Record<string, number>>;
  /** TCP connections that carried at least one counted request since the start or the last reset. Clients with keep-alive reuse theirs. */
  connectionCount(): number;
  /** Sets request, status and connection counts back to zero. */
  resetRequestCounts(): void;
  /** Returns whether `password` is the user's current password, and false for an unknown user. Counts no request. */
  passwordMatches(userId: number, password: string): boolean;
  /** Fault injection per route: latency, failures, rate limits and connections dropped after the change is applied. */
  faults: FaultSwitches;
  /**
   * Sets the lockout policy, or turns lockout off with undefined. Every call discards earlier failed
   * attempts and unlocks every user. Throws an `InvalidSettingError` for a bad policy.
   */
  setLockout(policy: LockoutPolicy | undefined): void;
  /** Returns the ids of the users locked out by the current policy, in ascending order. */
  lockedUserIds(): number[];
  /** Stops the server and drops open connections, so requests still in progress fail. Later calls return the same promise. */
  close(): Promise<void>;
}
