import type { RunningEmulator } from "../../emulator";
import { startTestEmulator } from "./support/harness";
import { call, login } from "./support/http";
import { OWNER_TOKEN, STRANGER_TOKEN } from "./support/test-seed";

const OWNER_AUTH = `APIKey ${OWNER_TOKEN}`;

let emulator: RunningEmulator;

beforeAll(async () => {
  ({ emulator } = await startTestEmulator());
});

afterAll(async () => {
  await emulator.close();
});

describe("GET /iam/users/{userId}", () => {
  test("API key reads own user", async () => {
    const response = await call(emulator.url, "GET", "/iam/users/42", { authorization: OWNER_AUTH });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: 42,
      email: "owner@example.com",
      name: "Owner",
      lang: "en",
      phone: null,
      company: "Example Company",
      reseller: 1,
      client: 1000,
      deleted: false,
      groups: [{ id: 1, name: "Administrators" }],
      activated: true,
      sso_auth: false,
      two_fa: false,
      auth_types: ["password"],
      user_type: "common",
      is_active: true,
    });
  });

  test("Bearer token reads own user", async () => {
    const tokens = await login(emulator.url, "stranger@example.org", "Stranger-Start-1");

    const response = await call(emulator.url, "GET", "/iam/users/77", { authorization: `Bearer ${tokens.access}` });

    expect(response.status).toBe(200);
    expect(response.body.company).toBe("Other Company");
    expect(response.body.groups).toEqual([{ id: 5, name: "Engineers" }]);
  });

  test("user of same client is readable", async () => {
    const response = await call(emulator.url, "GET", "/iam/users/43", { authorization: OWNER_AUTH });

    expect(response.status).toBe(200);
    expect(response.body.email).toBe("colleague@example.com");
  });

  test("seed defaults fill optional fields", async () => {
    const response = await call(emulator.url, "GET", "/iam/users/43", { authorization: OWNER_AUTH });

    expect(response.body.name).toBeNull();
    expect(response.body.groups).toEqual([{ id: 2, name: "Users" }]);
  });

  test("user of other client is not found", async () => {
    const response = await call(emulator.url, "GET", "/iam/users/77", { authorization: OWNER_AUTH });

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ detail: "User not found." });
  });

  test("other client cannot read back", async () => {
    const response = await call(emulator.url, "GET", "/iam/users/42", { authorization: `APIKey ${STRANGER_TOKEN}` });

    expect(response.status).toBe(404);
  });

  test("unknown user is not found", async () => {
    const response = await call(emulator.url, "GET", "/iam/users/999", { authorization: OWNER_AUTH });

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ detail: "User not found." });
  });

  test("missing credentials are rejected", async () => {
    const response = await call(emulator.url, "GET", "/iam/users/42");

    expect(response.status).toBe(401);
    expect(response.body).toEqual({ detail: "Authentication credentials were not provided." });
  });

  test("non-numeric id is not a route", async () => {
    const response = await call(emulator.url, "GET", "/iam/users/me", { authorization: OWNER_AUTH });

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ detail: "Not found." });
  });

  test("record contains no password", async () => {
    const response = await call(emulator.url, "GET", "/iam/users/42", { authorization: OWNER_AUTH });

    expect(JSON.stringify(response.body)).not.toContain("Owner-Start-1");
    expect(Object.keys(response.body)).not.toContain("password");
  });
});
