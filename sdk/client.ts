import { readTokenPair, readUser } from "./parse";
import { resolveSettings } from "./settings";
import { Transport } from "./transport";
import type {
  ChangePasswordRequestBody,
  GcoreClientOptions,
  GcoreUser,
  LoginCredentials,
  LoginRequestBody,
  PasswordChange,
  RefreshRequestBody,
  TokenPair,
} from "./types";

const PASSWORD_MAY_HAVE_CHANGED =
  "The password may have changed: log in with the new password to check before sending the change again.";
const REFRESH_TOKEN_MAY_BE_USED =
  "The refresh token may have been used up: if refreshing again returns 401, log in again.";

/**
 * Typed client for Gcore's IAM API: log in, refresh tokens, read a user and change a password.
 *
 * Every failure except an invalid user id (a RangeError) is thrown as a `GcoreError` subclass. The
 * client redacts the passwords, tokens and API key it sends from every message, property, cause and log line.
 */
export class GcoreIamClient {
  /** API root the client sends requests to, without a trailing slash. */
  readonly baseUrl: string;
  // A private field, so util.inspect(client) never shows the settings with the Authorization value.
  readonly #transport: Transport;

  /** @throws GcoreConfigurationError when a setting is invalid, naming it and the fix. */
  constructor(options: GcoreClientOptions = {}) {
    const settings = resolveSettings(options);
    this.baseUrl = settings.baseUrl;
    this.#transport = new Transport(settings);
  }

  /**
   * Changes a user's password with `PUT /iam/users/{userId}/password` and returns fresh tokens.
   * Needs `apiKey` or `accessToken`. Sent once and never retried, because an unclear outcome must be
   * checked by logging in rather than resolved by sending the change again.
   */
  async changePassword(userId: number, passwords: PasswordChange): Promise<TokenPair> {
    const body: ChangePasswordRequestBody = { old: passwords.oldPassword, new: passwords.newPassword, double: passwords.newPassword };
    return this.#transport.send(
      {
        method: "PUT",
        path: `/iam/users/${checkUserId(userId)}/password`,
        body,
        authenticated: true,
        retryable: false,
        secrets: [passwords.oldPassword, passwords.newPassword],
        ambiguousOutcomeHint: PASSWORD_MAY_HAVE_CHANGED,
      },
      readTokenPair,
    );
  }

  /**
   * Logs in with `POST /iam/auth/jwt/login` and returns a token pair. Sends no Authorization header.
   * Retried on transient failures, because a login changes nothing stored and a lost pair is harmless.
   */
  async logIn(credentials: LoginCredentials): Promise<TokenPair> {
    const body: LoginRequestBody = { username: credentials.username, password: credentials.password };
    if (credentials.oneTimePassword !== undefined) {
      body.one_time_password = credentials.oneTimePassword;
    }
    return this.#transport.send(
      {
        method: "POST",
        path: "/iam/auth/jwt/login",
        body,
        authenticated: false,
        retryable: true,
        secrets: [credentials.password, credentials.oneTimePassword ?? ""],
        unauthorizedHint: "Check the username and password, and the one-time password if two-factor authentication is on.",
      },
      readTokenPair,
    );
  }

  /**
   * Exchanges a refresh token for a new pair with `POST /iam/auth/jwt/refresh`. Gcore accepts each
   * refresh token once, so the call is never retried.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const body: RefreshRequestBody = { refresh: refreshToken };
    return this.#transport.send(
      {
        method: "POST",
        path: "/iam/auth/jwt/refresh",
        body,
        authenticated: false,
        retryable: false,
        secrets: [refreshToken],
        unauthorizedHint: "The refresh token is invalid, expired or already used: log in again for a new pair.",
        ambiguousOutcomeHint: REFRESH_TOKEN_MAY_BE_USED,
      },
      readTokenPair,
    );
  }

  /** Reads a user with `GET /iam/users/{userId}`. Needs `apiKey` or `accessToken`. Retried on transient failures. */
  async getUser(userId: number): Promise<GcoreUser> {
    return this.#transport.send(
      {
        method: "GET",
        path: `/iam/users/${checkUserId(userId)}`,
        authenticated: true,
        retryable: true,
        secrets: [],
      },
      readUser,
    );
  }
}

/** Returns the user id after checking that it is a positive integer, which is safe to put in a path. */
function checkUserId(userId: number): number {
  if (!Number.isSafeInteger(userId) || userId <= 0) {
    throw new RangeError(`userId must be a positive integer, got ${String(userId)}.`);
  }
  return userId;
}
