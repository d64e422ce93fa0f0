import { GcoreError, GcoreIamClient, GcoreResponseError } from "../../sdk";
import { useCleanGcoreEnv } from "./support/env";
import { FixtureServer, json, text } from "./support/fixture-server";
import { tokenPairBody } from "./support/tokens";

useCleanGcoreEnv();

let server: FixtureServer;
let client: GcoreIamClient;

beforeEach(async () => {
  server = await FixtureServer.start();
  client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123" });
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

describe("token responses", () => {
  test("invalid JSON on 200", async () => {
    server.reply(text(200, "{not json", { "x-request-id": "req-9" }));

    const error = await caught(client.changePassword(42, { oldPassword: "a", newPassword: "b" }));

    expect(error).toBeInstanceOf(GcoreResponseError);
    expect(error.status).toBe(200);
    expect(error.requestId).toBe("req-9");
    expect(error.message).toBe(
      "Gcore's response to PUT /iam/users/42/password (200) is not valid JSON. Check that the base URL points at the Gcore API. " +
        "The password may have changed: log in with the new password to check before sending the change again.",
    );
    expect(server.requests).toHaveLength(1);
  });

  test("empty body on 200", async () => {
    server.reply(text(200, ""));

    const error = await caught(client.logIn({ username: "user@example.com", password: "pw" }));

    expect(error).toBeInstanceOf(GcoreResponseError);
    expect(error.message).toBe(
      "Gcore's response to POST /iam/auth/jwt/login (200) is not valid JSON. Check that the base URL points at the Gcore API.",
    );
  });

  test.each<[string, unknown, string]>([
    ["array", [], "the body is not a JSON object"],
    ["missing access", { refresh: "r" }, 'field "access" is missing or not a non-empty string'],
    ["numeric refresh", { access: "a", refresh: 5 }, 'field "refresh" is missing or not a non-empty string'],
    ["empty access", { access: "", refresh: "r" }, 'field "access" is missing or not a non-empty string'],
  ])("rejects token body: %s", async (_case, body, problem) => {
    server.reply(json(200, body));

    const error = await caught(client.refresh("refresh.jwt.value"));

    expect(error).toBeInstanceOf(GcoreResponseError);
    expect(error.message).toBe(
      `Gcore's response to POST /iam/auth/jwt/refresh (200) has an unexpected shape: ${problem}. ` +
        "The refresh token may have been used up: if refreshing again returns 401, log in again.",
    );
  });

  test("rejects body over 1 MiB", async () => {
    server.reply(text(200, JSON.stringify({ ...tokenPairBody(), padding: "x".repeat(1024 * 1024) })));

    const error = await caught(client.refresh("refresh.jwt.value"));

    expect(error).toBeInstanceOf(GcoreResponseError);
    expect(error.message).toContain("is larger than 1048576 bytes");
  });
});

describe("user responses", () => {
  const fullUser = {
    id: 7,
    email: "user@example.com",
    name: null,
    lang: "en",
    phone: null,
    company: "Example",
    reseller: 1,
    client: 2,
    deleted: false,
    groups: [{ id: 1, name: "Administrators" }],
    activated: true,
    sso_auth: false,
    two_fa: true,
    auth_types: ["password", "sso"],
    user_type: "common",
    is_active: true,
  };

  test("reads every UserPublic field", async () => {
    server.reply(json(200, { ...fullUser, unknown_field: "dropped" }));

    const user = await client.getUser(7);

    expect(user).toEqual(fullUser);
  });

  test("missing name reads as null", async () => {
    server.reply(json(200, { id: 7, email: "user@example.com" }));

    const user = await client.getUser(7);

    expect(user).toEqual({ id: 7, email: "user@example.com", name: null });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ["missing id", { email: "a@example.com" }, 'field "id" is missing'],
    ["missing email", { id: 7 }, 'field "email" is missing'],
    ["string id", { id: "7", email: "a@example.com" }, 'field "id" is not an integer'],
    ["numeric name", { id: 7, email: "a@example.com", name: 5 }, 'field "name" is not a string or null'],
    ["bad groups", { id: 7, email: "a@example.com", groups: [{ id: "1" }] }, 'field "groups" is not a list of {id, name}'],
    ["bad auth_types", { id: 7, email: "a@example.com", auth_types: "password" }, 'field "auth_types" is not a list of strings'],
    ["string two_fa", { id: 7, email: "a@example.com", two_fa: "yes" }, 'field "two_fa" is not a boolean'],
  ])("rejects user body: %s", async (_case, body, problem) => {
    server.reply(json(200, body));

    const error = await caught(client.getUser(7));

    expect(error).toBeInstanceOf(GcoreResponseError);
    expect(error.message).toBe(`Gcore's response to GET /iam/users/7 (200) has an unexpected shape: ${problem}.`);
  });
});

describe("other 2xx statuses", () => {
  test("201 with tokens succeeds", async () => {
    server.reply(json(201, tokenPairBody()));

    await expect(client.refresh("refresh.jwt.value")).resolves.toEqual(tokenPairBody());
  });

  test("204 without body fails", async () => {
    server.reply(text(204, ""));

    const error = await caught(client.refresh("refresh.jwt.value"));

    expect(error).toBeInstanceOf(GcoreResponseError);
    expect(error.status).toBe(204);
  });
});
