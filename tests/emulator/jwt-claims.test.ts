import { createPublicKey } from "node:crypto";
import type { RunningEmulator } from "../../emulator";
import type { FakeClock } from "./support/fake-clock";
import { startTestEmulator } from "./support/harness";
import { call, login } from "./support/http";
import { verifyWithJose, type JoseResult } from "./support/jose-verify";

const COMMON_CLAIMS = [
  "client_id",
  "client_name",
  "email",
  "exchangeable",
  "exp",
  "is_admin",
  "jti",
  "sso_entity",
  "token_type",
  "user_groups",
  "user_id",
  "user_type",
  "username",
];

let emulator: RunningEmulator;
let clock: FakeClock;

beforeAll(async () => {
  ({ emulator, clock } = await startTestEmulator());
});

afterAll(async () => {
  await emulator.close();
});

function verified(result: JoseResult): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  if (!result.ok) {
    throw new Error(`jose rejected the token: ${result.error}`);
  }
  return result;
}

describe("issued JWTs", () => {
  test("jose verifies login tokens", async () => {
    const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");

    const [refresh, access] = await verifyWithJose([tokens.refresh, tokens.access], emulator.publicKeyPem, clock.now());

    expect(refresh.ok).toBe(true);
    expect(access.ok).toBe(true);
    expect(verified(access).header).toEqual({ typ: "JWT", alg: "RS256" });
  });

  test("claim sets are exactly Gcore's", async () => {
    const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");

    const [refresh, access] = await verifyWithJose([tokens.refresh, tokens.access], emulator.publicKeyPem, clock.now());

    expect(Object.keys(verified(refresh).payload).sort()).toEqual(COMMON_CLAIMS);
    expect(Object.keys(verified(access).payload).sort()).toEqual([...COMMON_CLAIMS, "rjti"].sort());
  });

  test("exp follows the injected clock", async () => {
    const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");

    const [refresh, access] = await verifyWithJose([tokens.refresh, tokens.access], emulator.publicKeyPem, clock.now());

    expect(verified(access).payload.exp).toBe(clock.seconds() + 3600);
    expect(verified(refresh).payload.exp).toBe(clock.seconds() + 86400);
  });

  test("claim values describe the user", async () => {
    const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");

    const [refresh, access] = await verifyWithJose([tokens.refresh, tokens.access], emulator.publicKeyPem, clock.now());
    const accessClaims = verified(access).payload;
    const refreshClaims = verified(refresh).payload;

    expect(accessClaims).toMatchObject({
      token_type: "access",
      user_id: 42,
      user_type: "common",
      user_groups: ["Administrators"],
      client_id: 1000,
      email: "owner@example.com",
      username: "owner@example.com",
      sso_entity: null,
      is_admin: true,
      client_name: "Example Company",
      exchangeable: true,
    });
    expect(refreshClaims.token_type).toBe("refresh");
    expect(accessClaims.rjti).toBe(refreshClaims.jti);
    expect(accessClaims.jti).toMatch(/^[0-9a-f]{32}$/);
    expect(refreshClaims.jti).toMatch(/^[0-9a-f]{32}$/);
    expect(accessClaims.jti).not.toBe(refreshClaims.jti);
  });

  test("non-admin claims come from seed defaults", async () => {
    const tokens = await login(emulator.url, "colleague@example.com", "Colleague-Start-1");

    const [access] = await verifyWithJose([tokens.access], emulator.publicKeyPem, clock.now());

    expect(verified(access).payload).toMatchObject({ user_id: 43, is_admin: false, user_groups: ["Users"] });
  });

  test("password change and refresh tokens verify", async () => {
    const tokens = await login(emulator.url, "colleague@example.com", "Colleague-Start-1");
    const refreshed = await call(emulator.url, "POST", "/iam/auth/jwt/refresh", { body: { refresh: tokens.refresh } });
    const changed = await call(emulator.url, "PUT", "/iam/users/43/password", {
      body: { old: "Colleague-Start-1", new: "Colleague-Next-2", double: "Colleague-Next-2" },
      authorization: `Bearer ${tokens.access}`,
    });

    const results = await verifyWithJose(
      [refreshed.body.refresh, refreshed.body.access, changed.body.refresh, changed.body.access],
      emulator.publicKeyPem,
      clock.now(),
    );

    expect(results.map((result) => result.ok)).toEqual([true, true, true, true]);
    expect(verified(results[1]).payload.rjti).toBe(verified(results[0]).payload.jti);
    expect(verified(results[3]).payload.rjti).toBe(verified(results[2]).payload.jti);
  });

  test("another emulator's key does not verify", async () => {
    const other = await startTestEmulator();
    try {
      const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");

      const [result] = await verifyWithJose([tokens.access], other.emulator.publicKeyPem, clock.now());

      expect(result).toEqual({ ok: false, error: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
    } finally {
      await other.emulator.close();
    }
  });

  test("jose sees expiry at injected time", async () => {
    const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");

    const [access] = await verifyWithJose([tokens.access], emulator.publicKeyPem, clock.now() + 3600 * 1000);

    expect(access).toEqual({ ok: false, error: "ERR_JWT_EXPIRED" });
  });

  test("signing key is 2048-bit RSA", () => {
    const key = createPublicKey(emulator.publicKeyPem);

    expect(key.asymmetricKeyType).toBe("rsa");
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  test("admin endpoint serves the public key", async () => {
    const response = await call(emulator.url, "GET", "/__emulator/public-key");

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ pem: emulator.publicKeyPem });
  });
});
