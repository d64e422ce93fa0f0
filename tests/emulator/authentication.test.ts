import type { RunningEmulator } from "../../emulator";
import type { FakeClock } from "./support/fake-clock";
import { startTestEmulator } from "./support/harness";
import { call, login } from "./support/http";
import { OWNER_LEGACY_TOKEN, OWNER_TOKEN } from "./support/test-seed";

const NOT_PROVIDED = { detail: "Authentication credentials were not provided." };
const INVALID = { detail: "Token is invalid or expired", code: "token_not_valid" };
const NO_TOKEN_TYPE = { detail: "Given token not valid for any token type", code: "token_not_valid" };

let emulator: RunningEmulator;
let clock: FakeClock;

beforeEach(async () => {
  ({ emulator, clock } = await startTestEmulator());
});

afterEach(async () => {
  await emulator.close();
});

function getOwner(authorization?: string) {
  return call(emulator.url, "GET", "/iam/users/42", { authorization });
}

describe("Authorization header", () => {
  test.each(["APIKey", "apikey", "ApiKey", "APIKEY"])("API key prefix %s is accepted", async (prefix) => {
    const response = await getOwner(`${prefix} ${OWNER_TOKEN}`);

    expect(response.status).toBe(200);
  });

  test("legacy dollar API token is accepted", async () => {
    const response = await getOwner(`APIKey ${OWNER_LEGACY_TOKEN}`);

    expect(response.status).toBe(200);
  });

  test("API token without prefix is rejected", async () => {
    const response = await getOwner(OWNER_TOKEN);

    expect(response.status).toBe(401);
    expect(response.body).toEqual(NOT_PROVIDED);
  });

  test("unknown scheme is rejected", async () => {
    const response = await getOwner(`Token ${OWNER_TOKEN}`);

    expect(response.status).toBe(401);
    expect(response.body).toEqual(NOT_PROVIDED);
  });

  test("API token as Bearer names token type", async () => {
    const response = await getOwner(`Bearer ${OWNER_TOKEN}`);

    expect(response.status).toBe(401);
    expect(response.body).toEqual(NO_TOKEN_TYPE);
  });

  test("refresh token as Bearer names token type", async () => {
    const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");

    const response = await getOwner(`Bearer ${tokens.refresh}`);

    expect(response.status).toBe(401);
    expect(response.body).toEqual(NO_TOKEN_TYPE);
  });

  test("garbage Bearer token is invalid", async () => {
    const response = await getOwner("Bearer abc.def.ghi");

    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
  });

  test("access token as API key is unknown", async () => {
    const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");

    const response = await getOwner(`APIKey ${tokens.access}`);

    expect(response.status).toBe(401);
    expect(response.body).toEqual(NOT_PROVIDED);
  });

  test("lowercase bearer scheme is not recognized", async () => {
    const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");

    const response = await getOwner(`bearer ${tokens.access}`);

    expect(response.status).toBe(401);
    expect(response.body).toEqual(NOT_PROVIDED);
  });

  test("access token valid until just before 1 hour", async () => {
    const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");
    clock.advance(3600 * 1000 - 1);

    const response = await getOwner(`Bearer ${tokens.access}`);

    expect(response.status).toBe(200);
  });

  test("access token expires after 1 hour", async () => {
    const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");
    clock.advance(3600 * 1000);

    const response = await getOwner(`Bearer ${tokens.access}`);

    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
  });

  test("expired access token cannot change password", async () => {
    const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");
    clock.advance(2 * 3600 * 1000);

    const response = await call(emulator.url, "PUT", "/iam/users/42/password", {
      body: { old: "Owner-Start-1", new: "Owner-Next-2", double: "Owner-Next-2" },
      authorization: `Bearer ${tokens.access}`,
    });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
    expect(emulator.passwordMatches(42, "Owner-Start-1")).toBe(true);
  });

  test("header with extra parts is rejected", async () => {
    const response = await getOwner(`APIKey ${OWNER_TOKEN} extra`);

    expect(response.status).toBe(401);
    expect(response.body).toEqual(NOT_PROVIDED);
  });
});
