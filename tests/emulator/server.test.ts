import { EmulatorListenError, startEmulator, type RunningEmulator } from "../../emulator";
import { FakeClock } from "./support/fake-clock";
import { call, login } from "./support/http";
import { OWNER_TOKEN, TEST_SEED } from "./support/test-seed";

describe("startEmulator", () => {
  test("listens on a free loopback port", async () => {
    const emulator = await startEmulator({ seed: TEST_SEED });
    try {
      expect(emulator.port).toBeGreaterThan(0);
      expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    } finally {
      await emulator.close();
    }
  });

  test("port in use is an EmulatorListenError", async () => {
    const first = await startEmulator({ seed: TEST_SEED });
    try {
      const second = startEmulator({ seed: TEST_SEED, port: first.port });

      await expect(second).rejects.toBeInstanceOf(EmulatorListenError);
      await expect(second).rejects.toThrow(`Cannot listen on 127.0.0.1:${first.port} (EADDRINUSE)`);
    } finally {
      await first.close();
    }
  });

  test("second close resolves too", async () => {
    const emulator = await startEmulator({ seed: TEST_SEED });

    await emulator.close();

    await expect(emulator.close()).resolves.toBeUndefined();
    await expect(fetch(`${emulator.url}/__emulator/requests`)).rejects.toThrow();
  });
});

describe("request log", () => {
  let emulator: RunningEmulator;
  let lines: string[];

  beforeEach(async () => {
    lines = [];
    emulator = await startEmulator({ seed: TEST_SEED, now: new FakeClock().now, log: (line) => lines.push(line) });
  });

  afterEach(async () => {
    await emulator.close();
  });

  test("one line per request", async () => {
    await call(emulator.url, "GET", "/iam/users/42?expand=groups", { authorization: `APIKey ${OWNER_TOKEN}` });
    await call(emulator.url, "GET", "/nowhere");

    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET \/iam\/users\/42 200 [0-9]+ms$/);
    expect(lines[1]).toMatch(/^GET \/nowhere 404 [0-9]+ms$/);
  });

  test("no secret on any path", async () => {
    const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");
    const requests: Array<[string, string, { body?: unknown; authorization?: string }]> = [
      ["POST", "/iam/auth/jwt/login", { body: { username: "owner@example.com", password: "Canary-Login-1" } }],
      ["POST", "/iam/auth/jwt/login", { body: '{"password": "Canary-Broken-2"' }],
      ["POST", "/iam/auth/jwt/refresh", { body: { refresh: tokens.refresh } }],
      ["POST", "/iam/auth/jwt/refresh", { body: { refresh: tokens.refresh } }],
      ["PUT", "/iam/users/42/password", { body: { old: "Canary-Old-3", new: "Canary-New-4", double: "Canary-New-4" }, authorization: `APIKey ${OWNER_TOKEN}` }],
      ["PUT", "/iam/users/43/password", { body: { old: "Canary-Old-5", new: "x", double: "x" }, authorization: `Bearer ${tokens.access}` }],
      ["PUT", "/iam/users/42/password", { body: { old: "Owner-Start-1", new: "Canary-New-6", double: "Canary-New-6" }, authorization: `Bearer ${tokens.access}` }],
      ["GET", "/iam/users/42", { authorization: "APIKey 99_c0ffee77" }],
      ["GET", "/iam/users/42", { authorization: `Bearer ${OWNER_TOKEN}` }],
      ["POST", "/__emulator/users/42/password-check", { body: { password: "Canary-Check-7" } }],
    ];

    for (const [method, path, options] of requests) {
      await call(emulator.url, method, path, options);
    }
    const log = lines.join("\n");

    expect(lines).toHaveLength(requests.length + 1);
    for (const secret of ["Canary", "Owner-Start-1", OWNER_TOKEN, "c0ffee77", tokens.access, tokens.refresh, "APIKey", "Bearer"]) {
      expect({ secret: secret.slice(0, 3), found: log.includes(secret) }).toEqual({ secret: secret.slice(0, 3), found: false });
    }
  });
});

describe("request body limit", () => {
  test("body over 64 KiB is rejected", async () => {
    const emulator = await startEmulator({ seed: TEST_SEED });
    try {
      const response = await call(emulator.url, "POST", "/iam/auth/jwt/login", {
        body: { username: "owner@example.com", password: "x".repeat(70 * 1024) },
      });

      expect(response.status).toBe(413);
      expect(response.body).toEqual({ detail: "Request body is larger than the emulator's limit of 65536 bytes." });
    } finally {
      await emulator.close();
    }
  });
});
