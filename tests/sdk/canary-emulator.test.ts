import * as util from "node:util";

import { startEmulator, type RouteAlias, type RouteFault, type RunningEmulator } from "../../emulator";
import { GcoreError, GcoreIamClient, type GcoreClientOptions, type TokenPair } from "../../sdk";
import { useCleanGcoreEnv } from "./support/env";

useCleanGcoreEnv();

// Distinctive secrets planted in the emulator and the client: any of them in an error or log line is a leak.
const START_PASSWORD = "CanaryStartPw-a1b2\"quote\\slash";
const NEW_PASSWORD = "CanaryNewPw-c3d4/ü";
const ONE_TIME_PASSWORD = "CanaryOtp-e5f6";
const API_KEY = "42_ca0a1e5ca0a1e5ca0a1e5ca0a1e5ca0a";
const CANARY_FRAGMENTS = ["Canary", "a1b2", "c3d4", "e5f6", "ca0a1e5"];

/** One client call, with what it sends. `tokens` come from a login before the call. */
interface CanaryCall {
  alias: RouteAlias;
  options: (tokens: TokenPair) => Partial<GcoreClientOptions>;
  send: (client: GcoreIamClient, tokens: TokenPair) => Promise<unknown>;
}

const CALLS: Record<string, CanaryCall> = {
  "changePassword with API key": {
    alias: "change-password",
    options: () => ({ apiKey: API_KEY }),
    send: (client) => client.changePassword(42, { oldPassword: START_PASSWORD, newPassword: NEW_PASSWORD }),
  },
  "changePassword with token": {
    alias: "change-password",
    options: (tokens) => ({ accessToken: tokens.access }),
    send: (client) => client.changePassword(42, { oldPassword: START_PASSWORD, newPassword: NEW_PASSWORD }),
  },
  logIn: {
    alias: "login",
    options: () => ({}),
    send: (client) => client.logIn({ username: "canary@example.com", password: START_PASSWORD, oneTimePassword: ONE_TIME_PASSWORD }),
  },
  refresh: {
    alias: "refresh",
    options: () => ({}),
    send: (client, tokens) => client.refresh(tokens.refresh),
  },
  getUser: {
    alias: "get-user",
    options: (tokens) => ({ accessToken: tokens.access }),
    send: (client) => client.getUser(42),
  },
};

/** Faults that force each error kind the emulator can produce, and the client timeout each needs. */
const FAULTS: Array<[string, RouteFault, number]> = [
  ["400", { failNext: { count: 3, status: 400 } }, 5000],
  ["401", { failNext: { count: 3, status: 401 } }, 5000],
  ["403", { failNext: { count: 3, status: 403 } }, 5000],
  ["404", { failNext: { count: 3, status: 404 } }, 5000],
  ["429", { rateLimitNext: { count: 3, retryAfterSeconds: 1 } }, 5000],
  ["500", { failNext: { count: 3, status: 500 } }, 5000],
  ["502", { failNext: { count: 3, status: 502 } }, 5000],
  ["503", { failNext: { count: 3, status: 503 } }, 5000],
  ["504", { failNext: { count: 3, status: 504 } }, 5000],
  ["reset after commit", { dropAfterCommitNext: 3 }, 5000],
  ["timeout", { latencyMs: 300 }, 100],
];

let emulator: RunningEmulator;
let emulatorLines: string[];

beforeEach(async () => {
  emulatorLines = [];
  emulator = await startEmulator({
    seed: { users: [{ id: 42, email: "canary@example.com", password: START_PASSWORD }], apiTokens: [{ userId: 42, token: API_KEY }] },
    log: (line) => emulatorLines.push(line),
  });
});

afterEach(async () => {
  await emulator.close();
});

/** Collects every text a user or log collector could see for an error, following the cause chain. */
function visibleTexts(error: unknown): string[] {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth += 1) {
    texts.push(String(current), JSON.stringify(current) ?? "", util.inspect(current, { depth: 10, showHidden: true }));
    if (current instanceof Error) {
      texts.push(current.message, current.stack ?? "");
    }
    current = (current as { cause?: unknown }).cause;
  }
  return texts;
}

function expectNoCanary(texts: string[], tokens: TokenPair): void {
  const secrets = [START_PASSWORD, NEW_PASSWORD, ONE_TIME_PASSWORD, API_KEY, tokens.access, tokens.refresh, ...CANARY_FRAGMENTS];
  for (const text of texts) {
    for (const secret of secrets) {
      expect({ secret: secret.slice(0, 3), found: text.includes(secret) }).toEqual({ secret: secret.slice(0, 3), found: false });
    }
  }
}

async function logIn(): Promise<TokenPair> {
  return new GcoreIamClient({ baseUrl: emulator.url }).logIn({ username: "canary@example.com", password: START_PASSWORD });
}

describe.each(Object.entries(CALLS))("emulator canary: %s", (_name, call) => {
  test.each(FAULTS)("%s leaks nothing", async (_fault, fault, timeoutMs) => {
    const tokens = await logIn();
    emulator.faults.set(call.alias, fault);
    const clientLines: string[] = [];
    const client = new GcoreIamClient({
      ...call.options(tokens),
      baseUrl: emulator.url,
      timeoutMs,
      sleep: async () => undefined,
      logger: (line) => clientLines.push(line),
    });

    const error = await call.send(client, tokens).catch((caught: unknown) => caught);
    // A latency fault logs its request once the latency has passed, after the client gave up.
    await new Promise((resolve) => setTimeout(resolve, fault.latencyMs === undefined ? 0 : fault.latencyMs + 100));

    expect(error).toBeInstanceOf(GcoreError);
    expect(clientLines.length).toBeGreaterThan(0);
    expectNoCanary([...visibleTexts(error), ...clientLines, ...emulatorLines], tokens);
  });
});

describe("emulator canary: real errors", () => {
  test("wrong old password and lockout leak nothing", async () => {
    const tokens = await logIn();
    emulator.setLockout({ maxFailedAttempts: 1 });
    const clientLines: string[] = [];
    const client = new GcoreIamClient({ baseUrl: emulator.url, apiKey: API_KEY, logger: (line) => clientLines.push(line) });

    const wrongOld = await client.changePassword(42, { oldPassword: NEW_PASSWORD, newPassword: START_PASSWORD }).catch((caught: unknown) => caught);
    const locked = await client.logIn({ username: "canary@example.com", password: START_PASSWORD }).catch((caught: unknown) => caught);

    expect(wrongOld).toBeInstanceOf(GcoreError);
    expect((wrongOld as GcoreError).status).toBe(400);
    expect((locked as GcoreError).status).toBe(403);
    expect(emulatorLines).toContain("lockout: user 42 locked after 1 failed attempts");
    expectNoCanary([...visibleTexts(wrongOld), ...visibleTexts(locked), ...clientLines, ...emulatorLines], tokens);
  });

  test("used refresh token and bad credentials leak nothing", async () => {
    const tokens = await logIn();
    const client = new GcoreIamClient({ baseUrl: emulator.url, accessToken: tokens.refresh });

    await client.refresh(tokens.refresh);
    const reused = await client.refresh(tokens.refresh).catch((caught: unknown) => caught);
    const wrongType = await client.getUser(42).catch((caught: unknown) => caught);

    expect((reused as GcoreError).status).toBe(401);
    expect((wrongType as GcoreError).status).toBe(401);
    expectNoCanary([...visibleTexts(reused), ...visibleTexts(wrongType), ...emulatorLines], tokens);
  });

  test("fault admin requests leak nothing", async () => {
    const tokens = await logIn();

    await fetch(`${emulator.url}/__emulator/faults/login`, { method: "PUT", body: JSON.stringify({ failNext: { count: 1, status: 503 } }) });
    await fetch(`${emulator.url}/__emulator/lockout`, { method: "PUT", body: JSON.stringify({ maxFailedAttempts: 2 }) });
    await fetch(`${emulator.url}/__emulator/users/42/password-check`, { method: "POST", body: JSON.stringify({ password: START_PASSWORD }) });

    expect(emulatorLines.length).toBeGreaterThan(0);
    expectNoCanary(emulatorLines, tokens);
  });
});
