import * as http from "node:http";

import type { RunningEmulator } from "../../emulator";
import { startTestEmulator } from "./support/harness";
import { call, login } from "./support/http";
import { OWNER_TOKEN } from "./support/test-seed";

const ZERO_COUNTS = {
  "PUT /iam/users/{userId}/password": 0,
  "POST /iam/auth/jwt/login": 0,
  "POST /iam/auth/jwt/refresh": 0,
  "GET /iam/users/{userId}": 0,
  other: 0,
};

let emulator: RunningEmulator;

beforeEach(async () => {
  ({ emulator } = await startTestEmulator());
});

afterEach(async () => {
  await emulator.close();
});

/** Sends one request to each route, with statuses 200, 401, 400, 404, 404 and 405. */
async function sendOneOfEach(): Promise<void> {
  const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");
  await call(emulator.url, "POST", "/iam/auth/jwt/login", { body: { username: "owner@example.com", password: "wrong" } });
  await call(emulator.url, "POST", "/iam/auth/jwt/refresh", { body: { refresh: tokens.refresh } });
  await call(emulator.url, "PUT", "/iam/users/42/password", { body: {}, authorization: `APIKey ${OWNER_TOKEN}` });
  await call(emulator.url, "GET", "/iam/users/999", { authorization: `APIKey ${OWNER_TOKEN}` });
  await call(emulator.url, "GET", "/iam/clients/me", { authorization: `APIKey ${OWNER_TOKEN}` });
  await call(emulator.url, "GET", "/iam/users/42/password", { authorization: `APIKey ${OWNER_TOKEN}` });
}

describe("request counting", () => {
  test("fresh emulator counts zero", () => {
    expect(emulator.requestCounts()).toEqual(ZERO_COUNTS);
  });

  test("requests are counted per route key", async () => {
    await sendOneOfEach();

    expect(emulator.requestCounts()).toEqual({
      "PUT /iam/users/{userId}/password": 1,
      "POST /iam/auth/jwt/login": 2,
      "POST /iam/auth/jwt/refresh": 1,
      "GET /iam/users/{userId}": 1,
      other: 2,
    });
  });

  test("statuses are counted per route key", async () => {
    await sendOneOfEach();

    expect(emulator.statusCounts()).toEqual({
      "PUT /iam/users/{userId}/password": { "400": 1 },
      "POST /iam/auth/jwt/login": { "200": 1, "401": 1 },
      "POST /iam/auth/jwt/refresh": { "200": 1 },
      "GET /iam/users/{userId}": { "404": 1 },
      other: { "404": 1, "405": 1 },
    });
  });

  test("unknown path 404, wrong method 405", async () => {
    const unknown = await call(emulator.url, "GET", "/iam/clients/me");
    const wrongMethod = await call(emulator.url, "POST", "/iam/users/42");

    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ detail: "Not found." });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body).toEqual({ detail: 'Method "POST" not allowed.' });
  });

  test("resetRequestCounts sets counts to zero", async () => {
    await sendOneOfEach();

    emulator.resetRequestCounts();

    expect(emulator.requestCounts()).toEqual(ZERO_COUNTS);
    expect(emulator.statusCounts()["POST /iam/auth/jwt/login"]).toEqual({});
  });

  test("admin endpoint returns the counts", async () => {
    await sendOneOfEach();

    const response = await call(emulator.url, "GET", "/__emulator/requests");

    expect(response.status).toBe(200);
    expect(response.body).toEqual(emulator.requestCounts());
    expect(response.body["POST /iam/auth/jwt/login"]).toBe(2);
  });

  test("admin endpoint returns status counts", async () => {
    await sendOneOfEach();

    const response = await call(emulator.url, "GET", "/__emulator/requests/statuses");

    expect(response.status).toBe(200);
    expect(response.body).toEqual(emulator.statusCounts());
  });

  test("admin reset sets counts to zero", async () => {
    await sendOneOfEach();

    const response = await call(emulator.url, "POST", "/__emulator/requests/reset");

    expect(response.status).toBe(204);
    expect(emulator.requestCounts()).toEqual(ZERO_COUNTS);
  });

  test("admin requests are not counted", async () => {
    await call(emulator.url, "GET", "/__emulator/requests");
    await call(emulator.url, "POST", "/__emulator/users/42/password-check", { body: { password: "x" } });
    await call(emulator.url, "GET", "/__emulator/unknown");

    expect(emulator.requestCounts()).toEqual(ZERO_COUNTS);
  });

  test("passwordMatches counts no request", () => {
    expect(emulator.passwordMatches(42, "Owner-Start-1")).toBe(true);
    expect(emulator.passwordMatches(42, "wrong")).toBe(false);
    expect(emulator.passwordMatches(999, "Owner-Start-1")).toBe(false);
    expect(emulator.requestCounts()).toEqual(ZERO_COUNTS);
  });
});

describe("admin password check", () => {
  test("current password matches", async () => {
    const response = await call(emulator.url, "POST", "/__emulator/users/42/password-check", { body: { password: "Owner-Start-1" } });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ matches: true });
  });

  test("other password does not match", async () => {
    const response = await call(emulator.url, "POST", "/__emulator/users/42/password-check", { body: { password: "Colleague-Start-1" } });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ matches: false });
  });

  test("follows a password change", async () => {
    await call(emulator.url, "PUT", "/iam/users/42/password", {
      body: { old: "Owner-Start-1", new: "Owner-Next-2", double: "Owner-Next-2" },
      authorization: `APIKey ${OWNER_TOKEN}`,
    });

    const response = await call(emulator.url, "POST", "/__emulator/users/42/password-check", { body: { password: "Owner-Next-2" } });

    expect(response.body).toEqual({ matches: true });
  });

  test("unknown user is not found", async () => {
    const response = await call(emulator.url, "POST", "/__emulator/users/999/password-check", { body: { password: "x" } });

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ detail: "User not found." });
  });

  test("missing password is required", async () => {
    const response = await call(emulator.url, "POST", "/__emulator/users/42/password-check", { body: {} });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: { password: ["This field is required."] } });
  });

  test("unknown admin path is not found", async () => {
    const response = await call(emulator.url, "GET", "/__emulator/users");

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ detail: "Not found." });
  });
});

describe("connection counting", () => {
  /** Sends `count` user lookups through `agent`, one after the other. */
  async function lookUps(agent: http.Agent, count: number): Promise<void> {
    for (let index = 0; index < count; index++) {
      await new Promise<void>((resolve, reject) => {
        const request = http.get(`${emulator.url}/iam/users/42`, { agent, headers: { authorization: `APIKey ${OWNER_TOKEN}` } }, (response) => {
          response.resume();
          response.on("end", resolve);
        });
        request.on("error", reject);
      });
    }
  }

  test("keep-alive reuses one connection", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await lookUps(agent, 3);
    agent.destroy();

    expect(emulator.requestCounts()["GET /iam/users/{userId}"]).toBe(3);
    expect(emulator.connectionCount()).toBe(1);
  });

  test("without keep-alive each request connects", async () => {
    const agent = new http.Agent({ keepAlive: false });
    await lookUps(agent, 3);

    expect(emulator.connectionCount()).toBe(3);
  });

  test("admin endpoint and reset", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await lookUps(agent, 2);

    expect((await call(emulator.url, "GET", "/__emulator/connections")).body).toEqual({ connections: 1 });
    await call(emulator.url, "POST", "/__emulator/requests/reset");
    expect(emulator.connectionCount()).toBe(0);
    await lookUps(agent, 1);
    agent.destroy();
    expect(emulator.connectionCount()).toBe(1);
  });
});
