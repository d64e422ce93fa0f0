import type * as http from "node:http";
import type * as https from "node:https";

/** Settings of a `GcoreIamClient`. Every field is optional. */
export interface GcoreClientOptions {
  /** Gcore API root. Default: the GCORE_BASE_URL environment variable, else "https://api.gcore.com". */
  baseUrl?: string;
  /** Permanent API token, sent as "Authorization: APIKey <key>". Default: the GCORE_API_KEY environment variable. */
  apiKey?: string;
  /** Access JWT from login, refresh or a password change, sent as "Authorization: Bearer <token>". Takes precedence over `apiKey`. Default: none. */
  accessToken?: string;
  /** Time limit for each request, from sending to the last byte of the response, in milliseconds. Default: 30000. */
  timeoutMs?: number;
  /** Allow plain http:// to hosts other than loopback (127.0.0.0/8, ::1, localhost). Default: false. */
  allowInsecureHttp?: boolean;
  /** Receives one line per request: method, path, status or error code, and duration. Never bodies, headers or secrets. Default: no logging. */
  logger?: (line: string) => void;
  /** Agent for http:// requests. Default: a keep-alive agent owned by the client. */
  httpAgent?: http.Agent;
  /** Agent for https:// requests, for example one that tunnels through a proxy. Default: a keep-alive agent owned by the client. */
  httpsAgent?: https.Agent;
}

/** Tokens Gcore returns from login, refresh and a password change. */
export interface TokenPair {
  /** Access JWT, valid for about an hour, to send as a Bearer token. */
  access: string;
  /** Refresh JWT, valid for about a day and usable once. */
  refresh: string;
}

/** Sign-in methods Gcore lists in `auth_types`. Other strings pass through unchanged. */
export type GcoreAuthType = "password" | "sso" | "github" | "google-oauth2" | (string & {});

/** Account roles Gcore lists in `user_type`. Other strings pass through unchanged. */
export type GcoreUserType = "common" | "reseller" | "seller" | (string & {});

/** A group a user belongs to. */
export interface GcoreUserGroup {
  /** Group id. */
  id: number;
  /** Group name, such as "Administrators". */
  name: string;
}

/**
 * A Gcore IAM user as `GET /iam/users/{userId}` returns it (Gcore's `UserPublic`), with Gcore's field names.
 *
 * The client checks the type of every field it finds. Only `id`, `email` and `name` must be present,
 * and `name` reads as null when Gcore omits it.
 */
export interface GcoreUser {
  /** User id. */
  id: number;
  /** Email address, which is also the login name. */
  email: string;
  /** Display name. */
  name: string | null;
  /** Interface language code, such as "en". */
  lang?: string;
  /** Phone number. */
  phone?: string | null;
  /** Company name. */
  company?: string;
  /** Id of the reseller the account belongs to. */
  reseller?: number;
  /** Id of the account (Gcore calls it a client) the user belongs to. */
  client?: number;
  /** Whether the user is deleted. */
  deleted?: boolean;
  /** Groups the user belongs to. */
  groups?: GcoreUserGroup[];
  /** Whether the user has confirmed their email. */
  activated?: boolean;
  /** Whether the user signs in through SSO. */
  sso_auth?: boolean;
  /** Whether two-factor authentication is on. */
  two_fa?: boolean;
  /** Sign-in methods enabled for the user. */
  auth_types?: GcoreAuthType[];
  /** Account role of the user. */
  user_type?: GcoreUserType;
  /** Whether the user can sign in. */
  is_active?: boolean;
}

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
