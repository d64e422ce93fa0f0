import { InvalidSettingError, startEmulator, type RunningEmulator } from "../../emulator";
import { FakeClock } from "./support/fake-clock";
import { waitFor } from "../support/processes";
import { call, login } from "./support/http";
import { OWNER_TOKEN, TEST_SEED } from "./support/test-seed";

const CHANGE = "PUT /iam/users/{userId}/password";
const LOGIN = "POST /iam/auth/jwt/login";
const REFRESH = "POST /iam/auth/jwt/refresh";
const GET_USER = "GET /iam/users/{userId}";

const OWNER = { username: "owner@example.com", password: "Owner-Start-1" };

let emulator: RunningEmulator;
let lines: string[];

beforeEach(async () => {
  lines = [];
  emulator = await startEmulator({ seed: TEST_SEED, now: new FakeClock().now, log: (line) => lines.push(line) });
});

afterEach(async () => {
  await emulator.close();
});

/** Sets a fault through the admin endpoint and fails the test unless it is accepted. */
async function putFault(alias: string, fault: unknown): Promise<Record<string, unknown>> {
  const response = await call(emulator.url, "PUT", `/__emulator/faults/${alias}`, { body: fault });
  if (response.status !== 200) {
    throw new Error(`PUT /__emulator/faults/${alias} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

function changeOwnPassword(oldPassword: string, newPassword: string) {
  return call(emulator.url, "PUT", "/iam/users/42/password", {
    body: { old: oldPassword, new: newPassword, double: newPassword },
    authorization: `APIKey ${OWNER_TOKEN}`,
  });
}

describe("fault latency", () => {
  test("delays every request until cleared", async () => {
    await putFault("login", { latencyMs: 300 });

    for (let attempt = 0; attempt < 2; attempt++) {
      const started = performance.now();
      const response = await call(emulator.url, "POST", "/iam/auth/jwt/login", { body: OWNER });
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    }
    expect((await call(emulator.url, "GET", "/__emulator/faults")).body).toEqual({ [LOGIN]: { latencyMs: 300 } });

    expect(lines.filter((line) => line.startsWith("POST /iam/auth/jwt/login 200 ")).at(-1)).toMatch(/\[fault latencyMs 300\]$/);

    await call(emulator.url, "DELETE", "/__emulator/faults/login");
    await call(emulator.url, "POST", "/iam/auth/jwt/login", { body: OWNER });

    expect(lines.filter((line) => line.startsWith("POST /iam/auth/jwt/login 200 ")).at(-1)).not.toContain("[fault");
    expect((await call(emulator.url, "GET", "/__emulator/faults")).body).toEqual({});
  });

  test("change applies after the client gives up", async () => {
    await putFault("change-password", { latencyMs: 400 });
    const abandon = new AbortController();
    setTimeout(() => abandon.abort(), 100);

    await expect(
      call(emulator.url, "PUT", "/iam/users/42/password", {
        body: { old: "Owner-Start-1", new: "Owner-Late-2", double: "Owner-Late-2" },
        authorization: `APIKey ${OWNER_TOKEN}`,
        signal: abandon.signal,
      }),
    ).rejects.toThrow();
    await waitFor(() => Object.keys(emulator.statusCounts()[CHANGE]).length > 0, 10_000, "the held change to finish");

    expect(emulator.passwordMatches(42, "Owner-Late-2")).toBe(true);
    expect(emulator.statusCounts()[CHANGE]).toEqual({ "200": 1 });
    expect(lines).toContainEqual(expect.stringMatching(/^PUT \/iam\/users\/42\/password 200 [0-9]+ms \[fault latencyMs 400; client disconnected before the response\]$/));
  });
});

describe("fault failNext", () => {
  test("fails the next requests without applying them", async () => {
    const faults = await putFault("change-password", { failNext: { count: 2, status: 503 } });
    expect(faults).toEqual({ [CHANGE]: { failNext: { count: 2, status: 503 } } });

    const first = await changeOwnPassword("Owner-Start-1", "Owner-Next-2");
    const remaining = (await call(emulator.url, "GET", "/__emulator/faults")).body;
    const second = await changeOwnPassword("Owner-Start-1", "Owner-Next-2");

    expect(first.status).toBe(503);
    expect(first.body).toEqual({ detail: "Service Unavailable" });
    expect(remaining).toEqual({ [CHANGE]: { failNext: { count: 1, status: 503 } } });
    expect(second.status).toBe(503);
    expect(emulator.passwordMatches(42, "Owner-Start-1")).toBe(true);
    expect(emulator.faults.get()).toEqual({});

    const third = await changeOwnPassword("Owner-Start-1", "Owner-Next-2");

    expect(third.status).toBe(200);
    expect(emulator.passwordMatches(42, "Owner-Next-2")).toBe(true);
    expect(emulator.statusCounts()[CHANGE]).toEqual({ "503": 2, "200": 1 });
    expect(lines).toContainEqual(expect.stringMatching(/^PUT \/iam\/users\/42\/password 503 [0-9]+ms \[fault failNext 503, 1 left\]$/));
  });

  test.each([
    ["change-password", 400, { errors: { old: ["Old password is incorrect"] } }],
    ["login", 400, { errors: { non_field_errors: ["Invalid input."] } }],
    ["change-password", 401, { detail: "Authentication credentials were not provided." }],
    ["login", 401, { detail: "No active account found with the given credentials" }],
    ["refresh", 401, { detail: "Token is invalid or expired", code: "token_not_valid" }],
    ["get-user", 403, { detail: "You do not have permission to perform this action." }],
    ["get-user", 404, { detail: "User not found." }],
    ["login", 404, { detail: "Not found." }],
    ["login", 429, { detail: "Rate limit exceeded" }],
    ["refresh", 500, { detail: "A server error occurred." }],
    ["get-user", 502, { detail: "Bad Gateway" }],
    ["login", 504, { detail: "Gateway Timeout" }],
  ])("%s %i sends Gcore's body", async (alias, status, body) => {
    await putFault(alias, { failNext: { count: 1, status } });
    const requests: Record<string, () => ReturnType<typeof call>> = {
      "change-password": () => changeOwnPassword("Owner-Start-1", "Owner-Next-2"),
      login: () => call(emulator.url, "POST", "/iam/auth/jwt/login", { body: OWNER }),
      refresh: () => call(emulator.url, "POST", "/iam/auth/jwt/refresh", { body: { refresh: "x" } }),
      "get-user": () => call(emulator.url, "GET", "/iam/users/42", { authorization: `APIKey ${OWNER_TOKEN}` }),
    };

    const response = await requests[alias]();

    expect(response.status).toBe(status);
    expect(response.body).toEqual(body);
    expect(response.headers.get("content-type")).toBe("application/json");
  });
});

describe("fault rateLimitNext", () => {
  test("answers 429 with Retry-After, not applied", async () => {
    await putFault("login", { rateLimitNext: { count: 1, retryAfterSeconds: 7 } });

    const limited = await call(emulator.url, "POST", "/iam/auth/jwt/login", { body: OWNER });
    const next = await call(emulator.url, "POST", "/iam/auth/jwt/login", { body: OWNER });

    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ detail: "Rate limit exceeded" });
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(next.status).toBe(200);
    expect(next.headers.get("retry-after")).toBeNull();
    expect(lines).toContainEqual(expect.stringMatching(/^POST \/iam\/auth\/jwt\/login 429 [0-9]+ms \[fault rateLimitNext Retry-After 7, 0 left\]$/));
  });

  test("rate-limited change keeps the password", async () => {
    await putFault("change-password", { rateLimitNext: { count: 1, retryAfterSeconds: 1 } });

    const response = await changeOwnPassword("Owner-Start-1", "Owner-Next-2");

    expect(response.status).toBe(429);
    expect(emulator.passwordMatches(42, "Owner-Start-1")).toBe(true);
  });
});

describe("fault dropAfterCommitNext", () => {
  test("change applied, connection dropped", async () => {
    await putFault("change-password", { dropAfterCommitNext: 1 });

    await expect(changeOwnPassword("Owner-Start-1", "Owner-Dropped-2")).rejects.toThrow();

    expect(emulator.passwordMatches(42, "Owner-Dropped-2")).toBe(true);
    expect(emulator.requestCounts()[CHANGE]).toBe(1);
    expect(emulator.statusCounts()[CHANGE]).toEqual({ dropped: 1 });
    expect(emulator.faults.get()).toEqual({});
    expect(lines).toContainEqual(expect.stringMatching(/^PUT \/iam\/users\/42\/password 200 [0-9]+ms \[fault dropAfterCommitNext: applied, connection destroyed without a response, 0 left\]$/));
  });

  test("dropped refresh uses up the token", async () => {
    const tokens = await login(emulator.url, OWNER.username, OWNER.password);
    await putFault("refresh", { dropAfterCommitNext: 1 });

    await expect(call(emulator.url, "POST", "/iam/auth/jwt/refresh", { body: { refresh: tokens.refresh } })).rejects.toThrow();
    const again = await call(emulator.url, "POST", "/iam/auth/jwt/refresh", { body: { refresh: tokens.refresh } });

    expect(again.status).toBe(401);
    expect(again.body).toEqual({ detail: "Token is blacklisted", code: "token_not_valid" });
  });
});

describe("fault combinations", () => {
  test("counters run in order, latency stays", async () => {
    await putFault("get-user", { latencyMs: 50, failNext: { count: 1, status: 500 }, rateLimitNext: { count: 1, retryAfterSeconds: 2 } });
    const get = () => call(emulator.url, "GET", "/iam/users/42", { authorization: `APIKey ${OWNER_TOKEN}` });

    const statuses = [(await get()).status, (await get()).status, (await get()).status];

    expect(statuses).toEqual([500, 429, 200]);
    expect(emulator.faults.get()).toEqual({ [GET_USER]: { latencyMs: 50 } });
  });

  test("PUT replaces the route's fault", async () => {
    await putFault("login", { failNext: { count: 3, status: 500 } });
    const faults = await putFault("login", { latencyMs: 10 });

    expect(faults).toEqual({ [LOGIN]: { latencyMs: 10 } });
  });

  test("DELETE clears every route", async () => {
    await putFault("login", { latencyMs: 10 });
    await putFault("refresh", { failNext: { count: 1, status: 500 } });

    const response = await call(emulator.url, "DELETE", "/__emulator/faults");

    expect(response.status).toBe(204);
    expect(emulator.faults.get()).toEqual({});
  });

  test("route key works in the admin path", async () => {
    await putFault(encodeURIComponent(REFRESH), { failNext: { count: 1, status: 500 } });

    expect(emulator.faults.get()).toEqual({ [REFRESH]: { failNext: { count: 1, status: 500 } } });
  });

  test("faulted requests are counted", async () => {
    await putFault("login", { failNext: { count: 1, status: 500 } });

    await call(emulator.url, "POST", "/iam/auth/jwt/login", { body: OWNER });

    expect(emulator.requestCounts()[LOGIN]).toBe(1);
    expect((await call(emulator.url, "GET", "/__emulator/requests")).body[LOGIN]).toBe(1);
  });
});

describe("fault admin validation", () => {
  test.each([
    ["unknown alias", "logout", { latencyMs: 1 }, "route"],
    ["negative latency", "login", { latencyMs: -1 }, "latencyMs"],
    ["fractional latency", "login", { latencyMs: 1.5 }, "latencyMs"],
    ["status below 400", "login", { failNext: { count: 1, status: 200 } }, "failNext.status"],
    ["status above 599", "login", { failNext: { count: 1, status: 600 } }, "failNext.status"],
    ["missing count", "login", { failNext: { status: 500 } }, "failNext.count"],
    ["string seconds", "login", { rateLimitNext: { count: 1, retryAfterSeconds: "5" } }, "rateLimitNext.retryAfterSeconds"],
    ["unknown field", "login", { failFirst: 1 }, "failFirst"],
    ["not an object", "login", [1], "fault"],
  ])("%s is 400", async (_case, alias, fault, field) => {
    const response = await call(emulator.url, "PUT", `/__emulator/faults/${alias}`, { body: fault });

    expect(response.status).toBe(400);
    expect(Object.keys(response.body.errors)).toEqual([field]);
    expect(emulator.faults.get()).toEqual({});
  });

  test("wrong method is 405", async () => {
    const response = await call(emulator.url, "POST", "/__emulator/faults/login", { body: {} });

    expect(response.status).toBe(405);
  });
});

describe("fault switches in code", () => {
  test("set, get and clear by alias and key", () => {
    emulator.faults.set("login", { failNext: { count: 1, status: 503 } });
    emulator.faults.set(GET_USER, { latencyMs: 20 });

    expect(emulator.faults.get()).toEqual({ [LOGIN]: { failNext: { count: 1, status: 503 } }, [GET_USER]: { latencyMs: 20 } });

    emulator.faults.clear(LOGIN);
    expect(emulator.faults.get()).toEqual({ [GET_USER]: { latencyMs: 20 } });

    emulator.faults.clear();
    expect(emulator.faults.get()).toEqual({});
  });

  test("get returns a copy", () => {
    emulator.faults.set("login", { failNext: { count: 2, status: 503 } });

    emulator.faults.get()[LOGIN]!.failNext!.count = 99;

    expect(emulator.faults.get()[LOGIN]?.failNext?.count).toBe(2);
  });

  test("invalid fault throws InvalidSettingError", () => {
    expect(() => emulator.faults.set("login", { latencyMs: -5 })).toThrow(InvalidSettingError);
    expect(() => emulator.faults.set("logout" as "login", {})).toThrow(/Unknown route "logout"/);
  });

  test("zero counts set nothing", () => {
    emulator.faults.set("login", { failNext: { count: 0, status: 500 }, dropAfterCommitNext: 0 });

    expect(emulator.faults.get()).toEqual({});
  });

  test("faults option applies from the start", async () => {
    const faulty = await startEmulator({ seed: TEST_SEED, faults: { login: { failNext: { count: 1, status: 502 } } } });
    try {
      const response = await call(faulty.url, "POST", "/iam/auth/jwt/login", { body: OWNER });

      expect(response.status).toBe(502);
    } finally {
      await faulty.close();
    }
  });

  test("close ends a running latency", async () => {
    emulator.faults.set("login", { latencyMs: 60_000 });
    const pending = call(emulator.url, "POST", "/iam/auth/jwt/login", { body: OWNER }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = performance.now();
    await emulator.close();
    await pending;

    expect(performance.now() - started).toBeLessThan(5000);
  });

  test("fault changes are logged without secrets", async () => {
    await putFault("login", { failNext: { count: 1, status: 500 } });
    await call(emulator.url, "DELETE", "/__emulator/faults/login");

    expect(lines).toContain(`fault: ${LOGIN} set to {"failNext":{"count":1,"status":500}}`);
    expect(lines).toContain("fault: cleared on login");
  });
});
