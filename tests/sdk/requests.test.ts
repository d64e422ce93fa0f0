import { GcoreIamClient } from "../../sdk";
import { useCleanGcoreEnv } from "./support/env";
import { FixtureServer, json } from "./support/fixture-server";
import { tokenPairBody } from "./support/tokens";

useCleanGcoreEnv();

let server: FixtureServer;

beforeEach(async () => {
  server = await FixtureServer.start();
});

afterEach(async () => {
  await server.close();
});

describe("changePassword", () => {
  test("sends PUT with old, new and double", async () => {
    server.reply(json(200, tokenPairBody()));
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123" });

    const tokens = await client.changePassword(42, { oldPassword: "old-pw", newPassword: "new-pw" });

    expect(tokens).toEqual(tokenPairBody());
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe("PUT");
    expect(request.url).toBe("/iam/users/42/password");
    expect(request.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(request.body)).toEqual({ old: "old-pw", new: "new-pw", double: "new-pw" });
  });

  test("sends API key as APIKey header", async () => {
    server.reply(json(200, tokenPairBody()));
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123" });

    await client.changePassword(42, { oldPassword: "a", newPassword: "b" });

    expect(server.requests[0].headers.authorization).toBe("APIKey 42_abc123");
  });

  test("prefers access token as Bearer", async () => {
    server.reply(json(200, tokenPairBody()));
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123", accessToken: "access.jwt.value" });

    await client.changePassword(42, { oldPassword: "a", newPassword: "b" });

    expect(server.requests[0].headers.authorization).toBe("Bearer access.jwt.value");
  });

  test("drops extra response fields", async () => {
    server.reply(json(200, { ...tokenPairBody(), extra: "ignored" }));
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123" });

    const tokens = await client.changePassword(42, { oldPassword: "a", newPassword: "b" });

    expect(Object.keys(tokens).sort()).toEqual(["access", "refresh"]);
  });

  test.each([0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])("rejects user id %p", async (userId) => {
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123" });

    await expect(client.changePassword(userId, { oldPassword: "a", newPassword: "b" })).rejects.toThrow(RangeError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("logIn", () => {
  test("sends no Authorization header", async () => {
    server.reply(json(200, tokenPairBody()));
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123", accessToken: "access.jwt.value" });

    const tokens = await client.logIn({ username: "user@example.com", password: "pw" });

    expect(tokens).toEqual(tokenPairBody());
    const [request] = server.requests;
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/iam/auth/jwt/login");
    expect(request.headers.authorization).toBeUndefined();
    expect(JSON.parse(request.body)).toEqual({ username: "user@example.com", password: "pw" });
  });

  test("sends one-time password", async () => {
    server.reply(json(200, tokenPairBody()));
    const client = new GcoreIamClient({ baseUrl: server.url });

    await client.logIn({ username: "user@example.com", password: "pw", oneTimePassword: "123456" });

    expect(JSON.parse(server.requests[0].body)).toEqual({ username: "user@example.com", password: "pw", one_time_password: "123456" });
  });
});

describe("refresh", () => {
  test("posts refresh token without auth", async () => {
    server.reply(json(200, tokenPairBody()));
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123" });

    const tokens = await client.refresh("refresh.jwt.value");

    expect(tokens).toEqual(tokenPairBody());
    const [request] = server.requests;
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/iam/auth/jwt/refresh");
    expect(request.headers.authorization).toBeUndefined();
    expect(JSON.parse(request.body)).toEqual({ refresh: "refresh.jwt.value" });
  });
});

describe("getUser", () => {
  test("gets user with API key", async () => {
    server.reply(json(200, { id: 7, email: "user@example.com", name: "Ann", two_fa: false, groups: [{ id: 1, name: "Administrators" }] }));
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123" });

    const user = await client.getUser(7);

    expect(user).toEqual({ id: 7, email: "user@example.com", name: "Ann", two_fa: false, groups: [{ id: 1, name: "Administrators" }] });
    const [request] = server.requests;
    expect(request.method).toBe("GET");
    expect(request.url).toBe("/iam/users/7");
    expect(request.headers.authorization).toBe("APIKey 42_abc123");
    expect(request.headers.accept).toBe("application/json");
    expect(request.body).toBe("");
  });

  test("keeps base URL path prefix", async () => {
    server.reply(json(200, { id: 7, email: "user@example.com", name: null }));
    const client = new GcoreIamClient({ baseUrl: `${server.url}/gcore/`, apiKey: "42_abc123" });

    await client.getUser(7);

    expect(client.baseUrl).toBe(`${server.url}/gcore`);
    expect(server.requests[0].url).toBe("/gcore/iam/users/7");
  });
});

describe("logger", () => {
  test("gets one line per request", async () => {
    server.reply(json(200, { id: 7, email: "user@example.com", name: null }), json(404, { detail: "User not found." }));
    const lines: string[] = [];
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123", logger: (line) => lines.push(line) });

    await client.getUser(7);
    await expect(client.getUser(8)).rejects.toThrow();

    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET \/iam\/users\/7 -> 200 in \d+ ms$/);
    expect(lines[1]).toMatch(/^GET \/iam\/users\/8 -> 404 in \d+ ms$/);
  });

  test("throwing logger keeps result", async () => {
    server.reply(json(200, tokenPairBody()));
    const client = new GcoreIamClient({
      baseUrl: server.url,
      apiKey: "42_abc123",
      logger: () => {
        throw new Error("logger broke");
      },
    });

    await expect(client.changePassword(42, { oldPassword: "a", newPassword: "b" })).resolves.toEqual(tokenPairBody());
  });
});

describe("keep-alive", () => {
  test("reuses one connection", async () => {
    server.reply(json(200, { id: 7, email: "a@example.com", name: null }), json(200, { id: 7, email: "a@example.com", name: null }));
    const client = new GcoreIamClient({ baseUrl: server.url, apiKey: "42_abc123" });

    await client.getUser(7);
    await client.getUser(7);

    expect(server.requests).toHaveLength(2);
    expect(server.requests[0].headers.connection).toBe("keep-alive");
    expect(server.requests[1].remotePort).toBe(server.requests[0].remotePort);
  });
});
