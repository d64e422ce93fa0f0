import { GcoreConnectionError, GcoreError, GcoreIamClient, GcoreTimeoutError } from "../../sdk";
import { useCleanGcoreEnv } from "./support/env";
import { closedPortUrl, FixtureServer, hang, resetBeforeResponse, resetMidResponse, trickle } from "./support/fixture-server";

useCleanGcoreEnv();

let server: FixtureServer;

beforeEach(async () => {
  server = await FixtureServer.start();
});

afterEach(async () => {
  await server.close();
});

async function caught(promise: Promise<unknown>): Promise<GcoreError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof GcoreError)) {
    throw new Error(`expected a GcoreError, got ${String(error)}`);
  }
  return error;
}

const passwords = { oldPassword: "old-pw", newPassword: "new-pw" };

describe("connection errors", () => {
  test("refused has no outcome warning", async () => {
    const client = new GcoreIamClient({ baseUrl: await closedPortUrl(), apiKey: "42_abc123", maxRetries: 0 });

    const error = await caught(client.changePassword(42, passwords));

    expect(error).toBeInstanceOf(GcoreConnectionError);
    expect(error.message).toBe(
      "PUT /iam/users/42/password failed: the connection was refused (ECONNREFUSED). Check the base URL and that the server is running.",
    );
    expect(error.status).toBeUndefined();
    expect(error.method).toBe("PUT");
    expect(error.path).toBe("/iam/users/42/password");
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error & { code?: string }).code).toBe("ECONNREFUSED");
  });

  test("reset mid-response warns of change", async () => {
    server.reply(resetMidResponse());
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123", maxRetries: 0 });

    const error = await caught(client.changePassword(42, passwords));

    expect(error).toBeInstanceOf(GcoreConnectionError);
    expect(error.message).toMatch(/^PUT \/iam\/users\/42\/password failed: the connection broke before a complete response arrived \(\w+\)\./);
    expect(error.message).toContain("The password may have changed");
    expect(server.requests).toHaveLength(1);
  });

  test("reset before response", async () => {
    server.reply(resetBeforeResponse());
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123", maxRetries: 0 });

    const error = await caught(client.refresh("refresh.jwt.value"));

    expect(error).toBeInstanceOf(GcoreConnectionError);
    expect(error.message).toBe(
      "POST /iam/auth/jwt/refresh failed: the connection broke before a complete response arrived (ECONNRESET). " +
        "The refresh token may have been used up: if refreshing again returns 401, log in again.",
    );
    expect(server.requests).toHaveLength(1);
  });

  test("cause is a plain sanitized error", async () => {
    server.reply(resetBeforeResponse());
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123", maxRetries: 0 });

    const error = await caught(client.getUser(7));

    const cause = error.cause as Error & Record<string, unknown>;
    expect(Object.getPrototypeOf(cause)).toBe(Error.prototype);
    expect(cause.config).toBeUndefined();
    expect(cause.request).toBeUndefined();
    expect(cause.response).toBeUndefined();
    expect(cause.cause).toBeUndefined();
  });
});

describe("timeouts", () => {
  test("no response times out", async () => {
    server.reply(hang());
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123", maxRetries: 0, timeoutMs: 200 });
    const started = Date.now();

    const error = await caught(client.changePassword(42, passwords));

    expect(error).toBeInstanceOf(GcoreTimeoutError);
    expect(error.message).toBe(
      "PUT /iam/users/42/password timed out after 200 ms without a complete response. " +
        "The password may have changed: log in with the new password to check before sending the change again.",
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
  });

  test("slow body times out", async () => {
    server.reply(trickle());
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123", maxRetries: 0, timeoutMs: 300 });
    const started = Date.now();

    const error = await caught(client.getUser(7));

    expect(error).toBeInstanceOf(GcoreTimeoutError);
    expect(error.message).toBe("GET /iam/users/7 timed out after 300 ms without a complete response. Retry later, or raise timeoutMs.");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
  });

  test("logs timeout once", async () => {
    server.reply(hang());
    const lines: string[] = [];
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123", maxRetries: 0, timeoutMs: 100, logger: (line) => lines.push(line) });

    await caught(client.getUser(7));

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GET \/iam\/users\/7 -> timeout in \d+ ms$/);
  });
});
