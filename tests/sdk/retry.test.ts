import { startEmulator, type RunningEmulator } from "../../emulator";
import {
  GcoreConfigurationError,
  GcoreConnectionError,
  GcoreError,
  GcoreIamClient,
  GcoreNotFoundError,
  GcoreRateLimitError,
  GcoreServerError,
  GcoreTimeoutError,
  type GcoreClientOptions,
} from "../../sdk";
import { useCleanGcoreEnv } from "./support/env";
import { closedPortUrl, FixtureServer, hang, json, resetBeforeResponse, resetMidResponse, text, type Reply } from "./support/fixture-server";
import { fakeJwt } from "./support/tokens";

useCleanGcoreEnv();

const TOKENS = { access: fakeJwt({ token_type: "access", exp: 1_900_000_000 }), refresh: fakeJwt({ token_type: "refresh", exp: 1_900_000_000 }) };
const USER = { id: 7, email: "user@example.com", name: null };

let server: FixtureServer;
let sleeps: number[];
let lines: string[];

beforeEach(async () => {
  server = await FixtureServer.start();
  sleeps = [];
  lines = [];
});

afterEach(async () => {
  await server.close();
});

/** Builds a client whose retries wait no real time and record each requested delay in `sleeps`. */
function client(options: Partial<GcoreClientOptions> = {}): GcoreIamClient {
  return new GcoreIamClient({
    baseUrl: server.url,
    apiKey: "42_abc123",
    timeoutMs: 200,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    logger: (line) => lines.push(line),
    ...options,
  });
}

async function caught(promise: Promise<unknown>): Promise<GcoreError> {
  try {
    await promise;
  } catch (error) {
    return error as GcoreError;
  }
  throw new Error("expected the call to fail");
}

describe("retries of reads and logins", () => {
  test("getUser recovers after two 503s", async () => {
    server.reply(text(503, ""), json(503, { detail: "Service Unavailable" }), json(200, USER));

    const user = await client().getUser(7);

    expect(user.id).toBe(7);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  test("getUser gives up after maxRetries", async () => {
    server.reply(json(500, { detail: "A server error occurred." }), json(502, {}), json(504, {}), json(200, USER));

    const error = await caught(client().getUser(7));

    expect(error).toBeInstanceOf(GcoreServerError);
    expect(error.status).toBe(504);
    expect(server.requests).toHaveLength(3);
  });

  test.each([0, 1, 4])("maxRetries %i allows that many retries", async (maxRetries) => {
    server.reply(...Array.from({ length: 6 }, () => json(503, {})));

    await caught(client({ maxRetries }).getUser(7));

    expect(server.requests).toHaveLength(maxRetries + 1);
    expect(sleeps).toHaveLength(maxRetries);
  });

  test("logIn retries 429 after Retry-After", async () => {
    server.reply(json(429, { detail: "Rate limit exceeded" }, { "retry-after": "7" }), json(200, TOKENS));

    const tokens = await client().logIn({ username: "user@example.com", password: "pw-1" });

    expect(tokens).toEqual(TOKENS);
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([7000]);
  });

  test("Retry-After over 60 s uses backoff", async () => {
    server.reply(json(429, { detail: "Rate limit exceeded" }, { "retry-after": "3600" }), json(200, TOKENS));

    await client().logIn({ username: "user@example.com", password: "pw-1" });

    expect(sleeps).toEqual([250]);
  });

  test("408 is retried", async () => {
    server.reply(json(408, { detail: "Request Timeout" }), json(200, USER));

    await client().getUser(7);

    expect(server.requests).toHaveLength(2);
  });

  test.each([
    ["reset before response", resetBeforeResponse(), GcoreConnectionError],
    ["reset mid-response", resetMidResponse(), GcoreConnectionError],
    ["timeout", hang(), GcoreTimeoutError],
  ])("getUser retries after %s", async (_case, reply, errorClass) => {
    server.reply(reply, reply, reply);

    const error = await caught(client().getUser(7));

    expect(error).toBeInstanceOf(errorClass);
    expect(server.requests).toHaveLength(3);
  });

  test("connection refused is retried", async () => {
    const refused = client({ baseUrl: await closedPortUrl() });

    const error = await caught(refused.logIn({ username: "user@example.com", password: "pw-1" }));

    expect(error).toBeInstanceOf(GcoreConnectionError);
    expect(lines.filter((line) => line.includes("ECONNREFUSED"))).toHaveLength(3);
  });

  test.each([
    [400, { errors: { username: ["This field is required."] } }],
    [401, { detail: "No active account found with the given credentials" }],
    [403, { detail: "You do not have permission to perform this action." }],
    [404, { detail: "User not found." }],
    [409, { detail: "Conflict" }],
  ])("%i is not retried", async (status, body) => {
    server.reply(json(status, body), json(200, USER));

    await caught(client().getUser(7));

    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test("invalid JSON 200 is not retried", async () => {
    server.reply(text(200, "not json"), json(200, USER));

    await caught(client().getUser(7));

    expect(server.requests).toHaveLength(1);
  });

  test("retries are logged", async () => {
    server.reply(json(503, {}), json(200, USER));

    await client().getUser(7);

    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^GET \/iam\/users\/7 -> 503 in \d+ ms$/);
    expect(lines[1]).toBe("GET /iam/users/7: retry 1 of 2 in 250 ms after GcoreServerError");
    expect(lines[2]).toMatch(/^GET \/iam\/users\/7 -> 200 in \d+ ms$/);
  });

  test("default sleep waits for real", async () => {
    server.reply(json(429, {}, { "retry-after": "1" }), json(200, USER));
    const realClient = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123" });
    const started = Date.now();

    await realClient.getUser(7);

    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});

describe("calls that are never retried", () => {
  const FAILURES: Array<[string, () => Reply]> = [
    ["500", () => json(500, { detail: "A server error occurred." })],
    ["502", () => text(502, "<html>Bad Gateway</html>", { "content-type": "text/html" })],
    ["503 with Retry-After", () => json(503, {}, { "retry-after": "1" })],
    ["504", () => json(504, {})],
    ["429 with Retry-After", () => json(429, { detail: "Rate limit exceeded" }, { "retry-after": "0" })],
    ["408", () => json(408, {})],
    ["reset before response", resetBeforeResponse],
    ["reset mid-response", resetMidResponse],
    ["timeout", hang],
  ];

  test.each(FAILURES)("changePassword sent once after %s", async (_case, reply) => {
    server.reply(reply(), json(200, TOKENS), json(200, TOKENS));

    const error = await caught(client().changePassword(42, { oldPassword: "old-1", newPassword: "new-2" }));

    expect(error).toBeInstanceOf(GcoreError);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test.each(FAILURES)("refresh sent once after %s", async (_case, reply) => {
    server.reply(reply(), json(200, TOKENS), json(200, TOKENS));

    const error = await caught(client().refresh(TOKENS.refresh));

    expect(error).toBeInstanceOf(GcoreError);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test("429 error keeps Retry-After for the caller", async () => {
    server.reply(json(429, { detail: "Rate limit exceeded" }, { "retry-after": "9" }));

    const error = await caught(client().changePassword(42, { oldPassword: "old-1", newPassword: "new-2" }));

    expect(error).toBeInstanceOf(GcoreRateLimitError);
    expect((error as GcoreRateLimitError).retryAfterSeconds).toBe(9);
  });
});

describe("onRateLimited option", () => {
  test("reports each 429 of a retried read", async () => {
    const reported: Array<number | undefined> = [];
    server.reply(json(429, {}, { "retry-after": "5" }), json(429, {}), json(200, USER));

    await client({ onRateLimited: (seconds) => reported.push(seconds) }).getUser(7);

    expect(reported).toEqual([5, undefined]);
    expect(server.requests).toHaveLength(3);
  });

  test("reports a 429 of the password change", async () => {
    const reported: Array<number | undefined> = [];
    server.reply(json(429, { detail: "Rate limit exceeded" }, { "retry-after": "9" }));

    await caught(client({ onRateLimited: (seconds) => reported.push(seconds) }).changePassword(42, { oldPassword: "old-1", newPassword: "new-2" }));

    expect(reported).toEqual([9]);
  });

  test("stays silent on other failures", async () => {
    const reported: Array<number | undefined> = [];
    server.reply(json(503, {}), json(200, USER));

    await client({ onRateLimited: (seconds) => reported.push(seconds) }).getUser(7);

    expect(reported).toEqual([]);
  });
});

describe("maxRetries option", () => {
  test.each([-1, 1.5, 11, Number.NaN])("%d is rejected", (maxRetries) => {
    expect(() => new GcoreIamClient({ apiKey: "42_abc123", maxRetries })).toThrow(GcoreConfigurationError);
    expect(() => new GcoreIamClient({ apiKey: "42_abc123", maxRetries })).toThrow(`maxRetries ${maxRetries} is invalid`);
  });
});

describe("retries against the emulator's faults", () => {
  const OWNER_KEY = "61_0123456789abcdef0123456789abcdef";
  let emulator: RunningEmulator;

  beforeEach(async () => {
    emulator = await startEmulator({
      seed: { users: [{ id: 42, email: "owner@example.com", password: "Owner-Start-1" }], apiTokens: [{ userId: 42, token: OWNER_KEY }] },
    });
  });

  afterEach(async () => {
    await emulator.close();
  });

  function emulatorClient(options: Partial<GcoreClientOptions> = {}): GcoreIamClient {
    return client({ baseUrl: emulator.url, apiKey: OWNER_KEY, timeoutMs: 5000, ...options });
  }

  test("getUser retries through failNext", async () => {
    emulator.faults.set("get-user", { failNext: { count: 2, status: 503 } });

    const user = await emulatorClient().getUser(42);

    expect(user.id).toBe(42);
    expect(emulator.requestCounts()["GET /iam/users/{userId}"]).toBe(3);
    expect(emulator.statusCounts()["GET /iam/users/{userId}"]).toEqual({ "503": 2, "200": 1 });
  });

  test("logIn waits out rateLimitNext", async () => {
    emulator.faults.set("login", { rateLimitNext: { count: 1, retryAfterSeconds: 4 } });

    await emulatorClient().logIn({ username: "owner@example.com", password: "Owner-Start-1" });

    expect(sleeps).toEqual([4000]);
    expect(emulator.requestCounts()["POST /iam/auth/jwt/login"]).toBe(2);
  });

  test("logIn retries timeouts from latency", async () => {
    emulator.faults.set("login", { latencyMs: 400 });

    const error = await caught(emulatorClient({ timeoutMs: 100 }).logIn({ username: "owner@example.com", password: "Owner-Start-1" }));
    await waitFor(() => emulator.requestCounts()["POST /iam/auth/jwt/login"] === 3);

    expect(error).toBeInstanceOf(GcoreTimeoutError);
    expect(emulator.requestCounts()["POST /iam/auth/jwt/login"]).toBe(3);
  });

  test("changePassword sent once on failNext 503", async () => {
    emulator.faults.set("change-password", { failNext: { count: 1, status: 503 } });

    const error = await caught(emulatorClient().changePassword(42, { oldPassword: "Owner-Start-1", newPassword: "Owner-Next-2" }));

    expect(error).toBeInstanceOf(GcoreServerError);
    expect(emulator.requestCounts()["PUT /iam/users/{userId}/password"]).toBe(1);
    expect(emulator.passwordMatches(42, "Owner-Start-1")).toBe(true);
  });

  test("changePassword sent once on rateLimitNext", async () => {
    emulator.faults.set("change-password", { rateLimitNext: { count: 1, retryAfterSeconds: 0 } });

    const error = await caught(emulatorClient().changePassword(42, { oldPassword: "Owner-Start-1", newPassword: "Owner-Next-2" }));

    expect(error).toBeInstanceOf(GcoreRateLimitError);
    expect(emulator.requestCounts()["PUT /iam/users/{userId}/password"]).toBe(1);
  });

  test("changePassword sent once when dropped after commit", async () => {
    emulator.faults.set("change-password", { dropAfterCommitNext: 1 });

    const error = await caught(emulatorClient().changePassword(42, { oldPassword: "Owner-Start-1", newPassword: "Owner-Next-2" }));

    expect(error).toBeInstanceOf(GcoreConnectionError);
    expect(error.message).toContain("The password may have changed");
    expect(emulator.requestCounts()["PUT /iam/users/{userId}/password"]).toBe(1);
    expect(emulator.passwordMatches(42, "Owner-Next-2")).toBe(true);
  });

  test("changePassword sent once on timeout", async () => {
    emulator.faults.set("change-password", { latencyMs: 400 });

    const error = await caught(emulatorClient({ timeoutMs: 100 }).changePassword(42, { oldPassword: "Owner-Start-1", newPassword: "Owner-Next-2" }));
    await waitFor(() => emulator.requestCounts()["PUT /iam/users/{userId}/password"] === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(error).toBeInstanceOf(GcoreTimeoutError);
    expect(emulator.requestCounts()["PUT /iam/users/{userId}/password"]).toBe(1);
    expect(emulator.passwordMatches(42, "Owner-Next-2")).toBe(true);
  });

  test("refresh sent once when dropped after commit", async () => {
    const tokens = await emulatorClient().logIn({ username: "owner@example.com", password: "Owner-Start-1" });
    emulator.faults.set("refresh", { dropAfterCommitNext: 1 });

    const error = await caught(emulatorClient().refresh(tokens.refresh));
    const again = await caught(emulatorClient().refresh(tokens.refresh));

    expect(error).toBeInstanceOf(GcoreConnectionError);
    expect(again.status).toBe(401);
    expect(emulator.requestCounts()["POST /iam/auth/jwt/refresh"]).toBe(2);
  });

  test("refresh sent once on failNext 502", async () => {
    const tokens = await emulatorClient().logIn({ username: "owner@example.com", password: "Owner-Start-1" });
    emulator.faults.set("refresh", { failNext: { count: 1, status: 502 } });

    await caught(emulatorClient().refresh(tokens.refresh));

    expect(emulator.requestCounts()["POST /iam/auth/jwt/refresh"]).toBe(1);
  });

  test("404 from the emulator is not retried", async () => {
    const error = await caught(emulatorClient().getUser(999));

    expect(error).toBeInstanceOf(GcoreNotFoundError);
    expect(emulator.requestCounts()["GET /iam/users/{userId}"]).toBe(1);
  });
});

/** Polls `condition` every 20 ms for up to 3 s, because the emulator counts a request only after its fault latency. */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
