import { randomUUID } from "node:crypto";
import type { JwtSigner } from "./jwt-signer";
import type { StoredUser } from "./user-store";

/** Lifetime of an access token in seconds. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 60 * 60;

/** Lifetime of a refresh token in seconds. */
export const REFRESH_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

/** Body of a successful login, refresh or password change. */
export interface TokenPair {
  refresh: string;
  access: string;
}

/** Reasons a presented JWT is rejected. */
export type TokenRejection =
  /** Malformed, signed by another key, missing claims or expired. */
  | "invalid"
  /** Valid, but an access token where a refresh token is expected or the other way round. */
  | "wrong_type"
  /** A refresh token that was already exchanged. */
  | "blacklisted";

/** Result of checking a presented JWT: the user it was issued to, or why it is rejected. */
export type TokenCheck = { userId: number } | { rejection: TokenRejection };

type TokenType = "access" | "refresh";

/**
 * Issues and checks Gcore-style JWT pairs. A refresh token can be exchanged once: its `jti` is
 * blacklisted until it expires, as Gcore does.
 */
export class TokenService {
  /** Expiry in seconds since the epoch of every blacklisted refresh token, by `jti`. */
  private readonly blacklist: Map<string, number>;
  /** Called after every refresh token exchange, so that a state file can be rewritten. */
  onChange: () => void = () => {};

  constructor(
    private readonly signer: JwtSigner,
    private readonly now: () => number,
    usedRefreshTokens: ReadonlyArray<{ jti: string; exp: number }> = [],
  ) {
    this.blacklist = new Map(usedRefreshTokens.map(({ jti, exp }) => [jti, exp]));
  }

  /** Returns the blacklisted refresh tokens in the form a state file stores them. */
  usedRefreshTokens(): Array<{ jti: string; exp: number }> {
    return [...this.blacklist].map(([jti, exp]) => ({ jti, exp }));
  }

  /** Issues a refresh token and an access token bound to it through the `rjti` claim. */
  async issuePair(user: StoredUser): Promise<TokenPair> {
    const nowSeconds = Math.floor(this.now() / 1000);
    const refreshJti = newJti();

    const refreshClaims = userClaims("refresh", nowSeconds + REFRESH_TOKEN_LIFETIME_SECONDS, refreshJti, user);
    const accessClaims = {
      ...userClaims("access", nowSeconds + ACCESS_TOKEN_LIFETIME_SECONDS, newJti(), user),
      rjti: refreshJti,
    };

    const [refresh, access] = await Promise.all([this.signer.sign(refreshClaims), this.signer.sign(accessClaims)]);

    return { refresh, access };
  }

  /** Checks a token presented as `Authorization: Bearer`. */
  async checkAccessToken(token: string): Promise<TokenCheck> {
    const claims = await this.readValidClaims(token);
    if (claims === undefined) {
      return { rejection: "invalid" };
    }
    if (claims.token_type !== "access") {
      return { rejection: "wrong_type" };
    }

    return { userId: claims.user_id };
  }

  /** Checks a refresh token and, if it is valid, blacklists it so it cannot be exchanged again. */
  async redeemRefreshToken(token: string): Promise<TokenCheck> {
    const claims = await this.readValidClaims(token);
    if (claims === undefined) {
      return { rejection: "invalid" };
    }
    if (claims.token_type !== "refresh") {
      return { rejection: "wrong_type" };
    }
    // No await between this check and the insertion below, so two concurrent exchanges cannot both pass.
    if (this.blacklist.has(claims.jti)) {
      return { rejection: "blacklisted" };
    }

    this.forgetExpiredBlacklistEntries();
    this.blacklist.set(claims.jti, claims.exp);
    this.onChange();

    return { userId: claims.user_id };
  }

  /** Returns the claims the checks rely on if the signature matches and the token has not expired. */
  private async readValidClaims(token: string): Promise<{ token_type: unknown; exp: number; jti: string; user_id: number } | undefined> {
    const claims = await this.signer.verify(token, new Date(this.now()));
    if (claims === undefined) {
      return undefined;
    }

    const { token_type, exp, jti, user_id } = claims;
    if (typeof exp !== "number" || typeof jti !== "string" || typeof user_id !== "number") {
      return undefined;
    }

    // A token is valid while the current time is before `exp`, the rule PyJWT applies.
    if (this.now() / 1000 >= exp) {
      return undefined;
    }

    return { token_type, exp, jti, user_id };
  }

  private forgetExpiredBlacklistEntries(): void {
    const nowSeconds = this.now() / 1000;
    for (const [jti, exp] of this.blacklist) {
      if (nowSeconds >= exp) {
        this.blacklist.delete(jti);
      }
    }
  }
}

/** Builds the claims Gcore puts in both token types, in Gcore's order. */
function userClaims(tokenType: TokenType, exp: number, jti: string, user: StoredUser): Record<string, unknown> {
  return {
    token_type: tokenType,
    exp,
    jti,
    user_id: user.id,
    user_type: "common",
    user_groups: [...user.groups],
    client_id: user.clientId,
    email: user.email,
    username: user.email,
    sso_entity: null,
    is_admin: user.isAdmin,
    client_name: user.clientName,
    exchangeable: true,
  };
}

/** Returns a token id in the form Gcore uses: 32 lowercase hex digits. */
function newJti(): string {
  return randomUUID().replace(/-/g, "");
}
