import type * as http from "node:http";
import type * as https from "node:https";

import type { components } from "./generated/contract-types";

/** Settings of a `GcoreIamClient`. Every field is optional. */
export interface GcoreClientOptions {
  /** Gcore API root. Default: the GCORE_BASE_URL environment variable, else "https://api.gcore.com". */
  baseUrl?: string;
  /** Permanent API token, sent as "Authorization: APIKey <key>". Default: the GCORE_API_KEY environment variable. */
  apiKey?: string;
  /** Access JWT from login, refresh or a password change, sent as "Authorization: Bearer <token>". Takes precedence over `apiKey`. Default: none. */
  accessToken?: string;
  /** Time limit for each attempt of a request, from sending to the last byte of the response, in milliseconds. Default: 30000. */
  timeoutMs?: number;
  /**
   * Retries after the first attempt of `getUser` and `logIn` on 408, 429, 5xx, timeouts and connection
   * failures, an integer from 0 to 10. `changePassword` and `refresh` are never retried. Default: 2.
   */
  maxRetries?: number;
  /** Waits the given number of milliseconds between retries; tests inject a fake. Default: a `setTimeout` timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Returns a number in [0, 1) that picks the jittered backoff; tests inject a fixed one. Default: `Math.random`. */
  random?: () => number;
  /** Allow plain http:// to hosts other than loopback (127.0.0.0/8, ::1, localhost). Default: false. */
  allowInsecureHttp?: boolean;
  /** Receives one line per request: method, path, status or error code, and duration. Never bodies, headers or secrets. Default: no logging. */
  logger?: (line: string) => void;
  /**
   * Called on every 429 response, with its Retry-After in seconds when the header is valid, before the
   * client retries or throws. A caller that shares a rate limit between clients can hold back its
   * other requests here. Default: none.
   */
  onRateLimited?: (retryAfterSeconds: number | undefined) => void;
  /** Agent for http:// requests. Default: a keep-alive agent owned by the client. */
  httpAgent?: http.Agent;
  /** Agent for https:// requests, for example one that tunnels through a proxy. Default: a keep-alive agent owned by the client. */
  httpsAgent?: https.Agent;
}

/** Schemas of the IAM contract in `contract/gcore-iam.openapi.yaml`, which `npm run contract:types` generates. */
export type ContractSchemas = components["schemas"];

/** Tokens Gcore returns from login, refresh and a password change: `refresh` (a day, usable once) and `access` (an hour). */
export type TokenPair = ContractSchemas["TokenPair"];

/** Sign-in methods Gcore lists in `auth_types`. Other strings pass through unchanged. */
export type GcoreAuthType = ContractSchemas["AuthType"] | (string & {});

/** Account roles Gcore lists in `user_type`. Other strings pass through unchanged. */
export type GcoreUserType = ContractSchemas["UserType"] | (string & {});

/** A group a user belongs to: its `id` and `name`, such as "Administrators". */
export type GcoreUserGroup = ContractSchemas["UserGroup"];

/**
 * A Gcore IAM user as `GET /iam/users/{userId}` returns it (Gcore's `UserPublic`), with Gcore's field names.
 *
 * The contract lists every field as present. The client still checks only `id` and `email` for
 * presence and reads a missing `name` as null, so that a field Gcore stops sending does not break a
 * rotation. Every field the client finds has its type checked.
 */
export type GcoreUser = Pick<ContractSchemas["UserPublic"], "id" | "email" | "name"> &
  Partial<Omit<ContractSchemas["UserPublic"], "id" | "email" | "name" | "auth_types" | "user_type">> & {
    /** Sign-in methods enabled for the user. */
    auth_types?: GcoreAuthType[];
    /** Account role of the user. */
    user_type?: GcoreUserType;
  };

/** Body of `PUT /iam/users/{userId}/password`. */
export type ChangePasswordRequestBody = ContractSchemas["ChangePasswordRequest"];

/** Body of `POST /iam/auth/jwt/login`. */
export type LoginRequestBody = ContractSchemas["LoginRequest"];

/** Body of `POST /iam/auth/jwt/refresh`. */
export type RefreshRequestBody = ContractSchemas["RefreshRequest"];

/** Arguments of `GcoreIamClient.changePassword`. */
export interface PasswordChange {
  /** Current password of the user. */
  oldPassword: string;
  /** Password to set. The client also sends it as Gcore's `double` confirmation field. */
  newPassword: string;
}

/** Arguments of `GcoreIamClient.logIn`. */
export interface LoginCredentials {
  /** Login name, which is the user's email. */
  username: string;
  /** Password of the user. */
  password: string;
  /** Current two-factor code, when the user has two-factor authentication on. */
  oneTimePassword?: string;
}
