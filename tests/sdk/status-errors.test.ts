import {
  GcoreAuthenticationError,
  GcoreError,
  GcoreIamClient,
  GcoreNotFoundError,
  GcorePermissionError,
  GcoreRateLimitError,
  GcoreResponseError,
  GcoreServerError,
  GcoreValidationError,
} from "../../sdk";
import { useCleanGcoreEnv } from "./support/env";
import { FixtureServer, json, text, type Reply } from "./support/fixture-server";

useCleanGcoreEnv();

let server: FixtureServer;
let client: GcoreIamClient;

beforeEach(async () => {
  server = await FixtureServer.start();
  // Single attempts: these tests check how one response is classified; tests/sdk/retry.test.ts covers retries.
  client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123", maxRetries: 0 });
});

afterEach(async () => {
  await server.close();
});

/** Sends one password change, which the server meets with `reply`, and returns the error it throws. */
async function changePasswordError(reply: Reply): Promise<GcoreError> {
  server.reply(reply);
  const error = await client.changePassword(42, { oldPassword: "old-pw", newPassword: "new-pw" }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof GcoreError)) {
    throw new Error(`expected a GcoreError, got ${String(error)}`);
  }
  return error;
}

describe("400 validation", () => {
  test("lists field messages", async () => {
    const error = await changePasswordError(
      json(400, { errors: { old: ["Old password is incorrect"], new: ["New and double values don't match"] } }, { "x-request-id": "req-1" }),
    );

    expect(error).toBeInstanceOf(GcoreValidationError);
    expect(error.message).toBe(
      "Gcore rejected PUT /iam/users/42/password (400): old: Old password is incorrect; new: New and double values don't match",
    );
    expect((error as GcoreValidationError).fieldErrors).toEqual({
      old: ["Old password is incorrect"],
      new: ["New and double values don't match"],
    });
    expect(error.status).toBe(400);
    expect(error.method).toBe("PUT");
    expect(error.path).toBe("/iam/users/42/password");
    expect(error.requestId).toBe("req-1");
    expect(error.name).toBe("GcoreValidationError");
  });

  test("shows message body", async () => {
    const error = await changePasswordError(json(400, { message: "JSON parse error - Expecting value" }));

    expect(error).toBeInstanceOf(GcoreValidationError);
    expect(error.message).toBe("Gcore rejected PUT /iam/users/42/password (400): JSON parse error - Expecting value");
    expect(error.detail).toBe("JSON parse error - Expecting value");
    expect((error as GcoreValidationError).fieldErrors).toEqual({});
  });

  test("reads bare field map", async () => {
    const error = await changePasswordError(json(400, { new: "This field may not be blank.", groups: [{ name: ["Too long."] }] }));

    expect((error as GcoreValidationError).fieldErrors).toEqual({ new: ["This field may not be blank."], "groups.0.name": ["Too long."] });
    expect(error.message).toContain("new: This field may not be blank.; groups.0.name: Too long.");
  });

  test("keeps __proto__ as plain field", async () => {
    const error = await changePasswordError(text(400, '{"errors": {"__proto__": ["odd"], "old": ["wrong"]}}', { "content-type": "application/json" }));

    const fieldErrors = (error as GcoreValidationError).fieldErrors;
    expect(Object.getPrototypeOf(fieldErrors)).toBe(Object.prototype);
    expect(Object.keys(fieldErrors)).toEqual(["__proto__", "old"]);
    expect(error.message).toBe("Gcore rejected PUT /iam/users/42/password (400): __proto__: odd; old: wrong");
  });

  test("survives non-JSON body", async () => {
    const error = await changePasswordError(text(400, "<html>Bad Request</html>"));

    expect(error).toBeInstanceOf(GcoreValidationError);
    expect(error.message).toBe("Gcore rejected PUT /iam/users/42/password (400): no error details in the response");
  });
});

describe("401 authentication", () => {
  test("includes Gcore's detail", async () => {
    const error = await changePasswordError(json(401, { detail: "Token is invalid or expired" }));

    expect(error).toBeInstanceOf(GcoreAuthenticationError);
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      "Gcore rejected the credentials for PUT /iam/users/42/password (401): Token is invalid or expired. " +
        "Check that the API key (apiKey or GCORE_API_KEY) is correct and not revoked.",
    );
  });

  test("keeps the next step apart", async () => {
    const error = await changePasswordError(json(401, { detail: "Token is invalid or expired" }));

    expect(error.summary).toBe("Gcore rejected the credentials for PUT /iam/users/42/password (401): Token is invalid or expired.");
    expect(error.hint).toBe("Check that the API key (apiKey or GCORE_API_KEY) is correct and not revoked.");
  });

  test("hints refresh for access token", async () => {
    const bearerClient = new GcoreIamClient({ baseUrl: server.url, accessToken: "access.jwt.value" });
    server.reply(json(401, { detail: "Token is invalid or expired" }));

    const error = await bearerClient.getUser(42).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GcoreAuthenticationError);
    expect((error as Error).message).toContain("The access token may have expired");
  });

  test("hints log in for used refresh token", async () => {
    server.reply(json(401, { detail: "Token is blacklisted", code: "token_not_valid" }));

    const error = await client.refresh("refresh.jwt.value").catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GcoreAuthenticationError);
    expect((error as Error).message).toBe(
      "Gcore rejected the credentials for POST /iam/auth/jwt/refresh (401): Token is blacklisted. " +
        "The refresh token is invalid, expired or already used: log in again for a new pair.",
    );
  });
});

describe("other statuses", () => {
  test("403 is permission error", async () => {
    const error = await changePasswordError(json(403, { detail: "You do not have permission to perform this action." }));

    expect(error).toBeInstanceOf(GcorePermissionError);
    expect(error.status).toBe(403);
    expect(error.message).toBe(
      "Gcore denied PUT /iam/users/42/password (403): You do not have permission to perform this action. " +
        "Use credentials that are allowed to make this call.",
    );
  });

  test("404 is not-found error", async () => {
    server.reply(json(404, { detail: "User not found." }));

    const error = await client.getUser(9).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GcoreNotFoundError);
    expect((error as GcoreError).status).toBe(404);
    expect((error as Error).message).toBe("Gcore found nothing at GET /iam/users/9 (404): User not found. Check the user id and the base URL.");
  });

  test("500 is server error", async () => {
    const error = await changePasswordError(json(500, { detail: "Internal error" }));

    expect(error).toBeInstanceOf(GcoreServerError);
    expect(error.status).toBe(500);
    expect(error.message).toBe(
      "Gcore failed to handle PUT /iam/users/42/password (500): Internal error. " +
        "The password may have changed: log in with the new password to check before sending the change again.",
    );
  });

  test("503 is server error", async () => {
    server.reply(text(503, "Service Unavailable"));

    const error = await client.getUser(9).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GcoreServerError);
    expect((error as GcoreError).status).toBe(503);
    expect((error as Error).message).toBe("Gcore failed to handle GET /iam/users/9 (503). Retry later.");
  });

  test("redirect is response error", async () => {
    const error = await changePasswordError(text(302, "", { location: "https://elsewhere.invalid/" }));

    expect(error).toBeInstanceOf(GcoreResponseError);
    expect(error.status).toBe(302);
    expect(error.message).toContain("does not follow redirects");
    expect(server.requests).toHaveLength(1);
  });

  test("409 is response error", async () => {
    const error = await changePasswordError(json(409, { detail: "Conflict" }));

    expect(error).toBeInstanceOf(GcoreResponseError);
    expect(error.message).toBe("Gcore returned an unexpected status for PUT /iam/users/42/password (409): Conflict.");
  });
});

describe("429 rate limit", () => {
  test("reads Retry-After seconds", async () => {
    const error = await changePasswordError(json(429, { detail: "Rate limit exceeded" }, { "retry-after": "30" }));

    expect(error).toBeInstanceOf(GcoreRateLimitError);
    expect((error as GcoreRateLimitError).retryAfterSeconds).toBe(30);
    expect(error.message).toBe("Gcore rate-limited PUT /iam/users/42/password (429): Rate limit exceeded. Retry after 30 s.");
  });

  test("reads Retry-After HTTP-date", async () => {
    const retryAt = new Date(Date.now() + 120_000).toUTCString();

    const error = await changePasswordError(json(429, { detail: "Rate limit exceeded" }, { "retry-after": retryAt }));

    const seconds = (error as GcoreRateLimitError).retryAfterSeconds;
    expect(seconds).toBeGreaterThanOrEqual(115);
    expect(seconds).toBeLessThanOrEqual(120);
  });

  test("works without Retry-After", async () => {
    const error = await changePasswordError(json(429, {}));

    expect((error as GcoreRateLimitError).retryAfterSeconds).toBeUndefined();
    expect(error.message).toBe("Gcore rate-limited PUT /iam/users/42/password (429). Wait before retrying.");
  });
});

describe("request count", () => {
  test.each([
    ["400", json(400, { errors: { old: ["Old password is incorrect"] } })],
    ["429", json(429, {}, { "retry-after": "1" })],
    ["500", json(500, {})],
    ["503", text(503, "")],
  ])("sends once on %s", async (_status, reply) => {
    await changePasswordError(reply);

    expect(server.requests).toHaveLength(1);
  });
});
