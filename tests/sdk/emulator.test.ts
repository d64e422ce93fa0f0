import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../emulator";
import {
  GcoreAuthenticationError,
  GcoreIamClient,
  GcoreNotFoundError,
  GcoreValidationError,
  decodeTokenExpiry,
} from "../../sdk";
import { useCleanGcoreEnv } from "./support/env";

useCleanGcoreEnv();

const API_TOKEN = "9_00112233445566778899aabbccddeeff";
const START_PASSWORD = "Start-Password-1";
const NOW_MS = Date.UTC(2030, 0, 1);

const SEED: EmulatorSeed = {
  users: [{ id: 7, email: "ann@example.com", password: START_PASSWORD, name: "Ann", groups: ["Administrators"] }],
  apiTokens: [{ userId: 7, token: API_TOKEN }],
};

let emulator: RunningEmulator;

beforeEach(async () => {
  emulator = await startEmulator({ seed: SEED, now: () => NOW_MS });
});

afterEach(async () => {
  await emulator.close();
});

describe("against emulator", () => {
  test("changePassword sets new password", async () => {
    const client = new GcoreIamClient({ baseUrl: emulator.url, apiKey: API_TOKEN });

    const tokens = await client.changePassword(7, { oldPassword: START_PASSWORD, newPassword: "Next-Password-2" });

    expect(emulator.passwordMatches(7, "Next-Password-2")).toBe(true);
    expect(decodeTokenExpiry(tokens.access).getTime()).toBeGreaterThan(NOW_MS);
    expect(emulator.requestCounts()["PUT /iam/users/{userId}/password"]).toBe(1);
  });

  test("wrong old password is field error", async () => {
    const client = new GcoreIamClient({ baseUrl: emulator.url, apiKey: API_TOKEN });

    const error = await client.changePassword(7, { oldPassword: "wrong", newPassword: "Next-Password-2" }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GcoreValidationError);
    expect(Object.keys((error as GcoreValidationError).fieldErrors)).toContain("old");
    expect(emulator.passwordMatches(7, START_PASSWORD)).toBe(true);
    expect(emulator.requestCounts()["PUT /iam/users/{userId}/password"]).toBe(1);
  });

  test("login token reads user", async () => {
    const tokens = await new GcoreIamClient({ baseUrl: emulator.url }).logIn({ username: "ann@example.com", password: START_PASSWORD });
    const client = new GcoreIamClient({ baseUrl: emulator.url, accessToken: tokens.access });

    const user = await client.getUser(7);

    expect(user.id).toBe(7);
    expect(user.email).toBe("ann@example.com");
    expect(user.name).toBe("Ann");
    expect(decodeTokenExpiry(tokens.access)).toEqual(new Date(NOW_MS + 3600 * 1000));
  });

  test("refresh token works once", async () => {
    const client = new GcoreIamClient({ baseUrl: emulator.url });
    const first = await client.logIn({ username: "ann@example.com", password: START_PASSWORD });

    const second = await client.refresh(first.refresh);
    const reuse = await client.refresh(first.refresh).catch((caught: unknown) => caught);

    expect(second.access).not.toBe(first.access);
    expect(reuse).toBeInstanceOf(GcoreAuthenticationError);
    expect(emulator.requestCounts()["POST /iam/auth/jwt/refresh"]).toBe(2);
  });

  test("unknown user is not found", async () => {
    const client = new GcoreIamClient({ baseUrl: emulator.url, apiKey: API_TOKEN });

    const error = await client.getUser(999).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GcoreNotFoundError);
  });

  test("bad API key is rejected", async () => {
    const client = new GcoreIamClient({ baseUrl: emulator.url, apiKey: "9_ffffffffffffffffffffffffffffffff" });

    const error = await client.getUser(7).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GcoreAuthenticationError);
    expect((error as Error).message).not.toContain("9_ffffffffffffffffffffffffffffffff");
  });
});
