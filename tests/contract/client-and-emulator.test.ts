import { startEmulator, type EmulatorSeed, type RouteAlias, type RunningEmulator } from "../../emulator";
import { GcoreError, GcoreIamClient, type GcoreClientOptions } from "../../sdk";
import { Contract } from "./support/contract";
import { RecordingProxy, type Exchange } from "./support/recording-proxy";

const OWNER_KEY = "51_0123456789abcdef0123456789abcdef";
const STRANGER_KEY = "52_fedcba9876543210fedcba9876543210";

const SEED: EmulatorSeed = {
  clients: [
    { id: 1000, name: "Contract Company" },
    { id: 2000, name: "Other Company" },
  ],
  users: [
    { id: 42, email: "owner@example.com", password: "Owner-Start-1", clientId: 1000, name: "Owner", groups: ["Administrators"], isAdmin: true },
    { id: 43, email: "colleague@example.com", password: "Colleague-Start-1", clientId: 1000 },
    { id: 77, email: "stranger@example.org", password: "Stranger-Start-1", clientId: 2000 },
  ],
  apiTokens: [
    { userId: 42, token: OWNER_KEY },
    { userId: 77, token: STRANGER_KEY },
  ],
};

/** Calls of the client, one per operation of the contract, keyed by the emulator's route alias. */
const CALLS: Record<RouteAlias, (client: GcoreIamClient) => Promise<unknown>> = {
  "change-password": (client) => client.changePassword(42, { oldPassword: "Owner-Start-1", newPassword: "Owner-Next-2" }),
  login: (client) => client.logIn({ username: "owner@example.com", password: "Owner-Start-1" }),
  refresh: (client) => client.refresh("eyJ0.eyJ0.c2ln"),
  "get-user": (client) => client.getUser(42),
};

/** The contract's operation for each alias, as "METHOD /template". */
const OPERATIONS: Record<RouteAlias, string> = {
  "change-password": "PUT /iam/users/{userId}/password",
  login: "POST /iam/auth/jwt/login",
  refresh: "POST /iam/auth/jwt/refresh",
  "get-user": "GET /iam/users/{userId}",
};

const contract = new Contract();
let emulator: RunningEmulator;
let proxy: RecordingProxy;

beforeEach(async () => {
  emulator = await startEmulator({ seed: SEED });
  proxy = await RecordingProxy.start(emulator.url);
});

afterEach(async () => {
  await proxy.close();
  await emulator.close();
});

function client(options: Partial<GcoreClientOptions> = {}): GcoreIamClient {
  return new GcoreIamClient({ baseUrl: proxy.url, apiKey: OWNER_KEY, maxRetries: 0, ...options });
}

/** Runs `call` and returns the error it throws, or undefined. */
async function attempt(call: () => Promise<unknown>): Promise<unknown> {
  return call().then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** Asserts that every recorded request and response follows the contract, and returns the exchanges. */
function expectAllFollowContract(options: { requests: boolean } = { requests: true }): Exchange[] {
  const exchanges = proxy.take();
  expect(exchanges.length).toBeGreaterThan(0);

  for (const { request, response } of exchanges) {
    if (options.requests) {
      expect({ request: `${request.method} ${request.path}`, problems: contract.checkRequest(request) }).toEqual({ request: `${request.method} ${request.path}`, problems: [] });
    }
    expect(response).toBeDefined();
    expect({ response: `${request.method} ${request.path} ${response?.status}`, problems: contract.checkResponse(request.method, request.path, response!) }).toEqual({
      response: `${request.method} ${request.path} ${response?.status}`,
      problems: [],
    });
  }
  return exchanges;
}

describe("contract: successful calls", () => {
  test("every call and response follows it", async () => {
    const tokens = await client({ apiKey: undefined }).logIn({ username: "owner@example.com", password: "Owner-Start-1", oneTimePassword: "123456" });
    await client({ accessToken: tokens.access }).getUser(42);
    await client().getUser(43);
    const refreshed = await client({ apiKey: undefined }).refresh(tokens.refresh);
    await client({ accessToken: refreshed.access }).changePassword(42, { oldPassword: "Owner-Start-1", newPassword: "Owner-Next-2" });
    await client().changePassword(42, { oldPassword: "Owner-Next-2", newPassword: "Owner-Third-3" });

    const exchanges = expectAllFollowContract();

    expect(exchanges.map((exchange) => exchange.response?.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });
});

describe("contract: successful responses without the client", () => {
  // The client rejects a malformed token pair itself, so these requests go out with fetch: a renamed
  // or extra field then fails here on the contract check rather than in the client's parser.
  test("every success response follows it", async () => {
    const send = async (method: string, path: string, body: unknown, authorization?: string) => {
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (authorization !== undefined) {
        headers.Authorization = authorization;
      }
      const response = await fetch(`${proxy.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return (await response.json()) as Record<string, string>;
    };

    const tokens = await send("POST", "/iam/auth/jwt/login", { username: "owner@example.com", password: "Owner-Start-1" });
    const refreshed = await send("POST", "/iam/auth/jwt/refresh", { refresh: tokens.refresh });
    await send("GET", "/iam/users/42", undefined, `Bearer ${refreshed.access ?? tokens.access}`);
    await send("PUT", "/iam/users/42/password", { old: "Owner-Start-1", new: "Owner-Next-2", double: "Owner-Next-2" }, `APIKey ${OWNER_KEY}`);

    const exchanges = expectAllFollowContract();

    expect(exchanges.map((exchange) => exchange.response?.status)).toEqual([200, 200, 200, 200]);
  });
});

describe("contract: errors the emulator produces", () => {
  test("errors from client calls follow it", async () => {
    const owner = client();
    const tokens = await owner.logIn({ username: "owner@example.com", password: "Owner-Start-1" });
    await owner.refresh(tokens.refresh);
    proxy.take();

    const errors = [
      await attempt(() => owner.changePassword(42, { oldPassword: "wrong", newPassword: "Owner-Next-2" })),
      await attempt(() => owner.changePassword(43, { oldPassword: "Colleague-Start-1", newPassword: "Owner-Next-2" })),
      await attempt(() => client({ apiKey: "99_00000000000000000000000000000000" }).getUser(42)),
      await attempt(() => client({ accessToken: tokens.refresh }).getUser(42)),
      await attempt(() => owner.logIn({ username: "owner@example.com", password: "wrong" })),
      await attempt(() => owner.refresh(tokens.refresh)),
      await attempt(() => owner.refresh(tokens.access)),
      await attempt(() => owner.refresh("eyJ0.eyJ0.c2ln")),
      await attempt(() => owner.getUser(77)),
      await attempt(() => owner.getUser(999)),
    ];
    const exchanges = expectAllFollowContract();

    expect(errors.every((error) => error instanceof GcoreError)).toBe(true);
    expect(exchanges.map((exchange) => exchange.response?.status)).toEqual([400, 403, 401, 401, 401, 401, 401, 401, 404, 404]);
  });

  test("locked login follows it", async () => {
    emulator.setLockout({ maxFailedAttempts: 1 });

    await attempt(() => client().logIn({ username: "owner@example.com", password: "wrong" }));
    const locked = await attempt(() => client().logIn({ username: "owner@example.com", password: "Owner-Start-1" }));
    const change = await attempt(() => client().changePassword(42, { oldPassword: "Owner-Start-1", newPassword: "Owner-Next-2" }));
    const exchanges = expectAllFollowContract();

    expect(locked).toBeInstanceOf(GcoreError);
    expect(change).toBeInstanceOf(GcoreError);
    expect(exchanges.map((exchange) => exchange.response?.status)).toEqual([401, 403, 403]);
  });

  test.each([
    ["missing fields", "PUT", "/iam/users/42/password", "{}"],
    ["null fields", "PUT", "/iam/users/42/password", JSON.stringify({ old: null, new: null, double: null })],
    ["blank and non-string fields", "PUT", "/iam/users/42/password", JSON.stringify({ old: "", new: 5, double: [] })],
    ["invalid JSON", "PUT", "/iam/users/42/password", "{not json"],
    ["a JSON array", "POST", "/iam/auth/jwt/login", "[1, 2]"],
    ["an empty body", "POST", "/iam/auth/jwt/login", ""],
    ["a bad one-time password", "POST", "/iam/auth/jwt/login", JSON.stringify({ username: "a", password: "b", one_time_password: 7 })],
    ["no refresh token", "POST", "/iam/auth/jwt/refresh", "{}"],
  ])("400 for %s follows it", async (_case, method, path, body) => {
    const response = await fetch(`${proxy.url}${path}`, {
      method,
      headers: { "Content-Type": "application/json", Authorization: `APIKey ${OWNER_KEY}` },
      body,
    });
    await response.text();

    const [exchange] = expectAllFollowContract({ requests: false });

    expect(exchange.response?.status).toBe(400);
  });

  test("missing credentials follow it", async () => {
    await fetch(`${proxy.url}/iam/users/42`).then((response) => response.text());
    await fetch(`${proxy.url}/iam/users/42/password`, { method: "PUT", headers: { Authorization: "Token abc" }, body: "{}" }).then((response) => response.text());

    const exchanges = expectAllFollowContract({ requests: false });

    expect(exchanges.map((exchange) => exchange.response?.status)).toEqual([401, 401]);
  });
});

describe("contract: injected faults", () => {
  const documented = contract.operations();

  const cases = (Object.keys(CALLS) as RouteAlias[]).flatMap((alias) => {
    const operation = documented.find((candidate) => `${candidate.method} ${candidate.template}` === OPERATIONS[alias]);
    const statuses = (operation?.statuses ?? []).filter((status) => status !== "200").flatMap((status) => (status === "5XX" ? ["500", "502", "503", "504"] : [status]));
    return statuses.map((status) => [alias, Number(status)] as const);
  });

  test.each(cases)("%s failNext %i follows it", async (alias, status) => {
    emulator.faults.set(alias, { failNext: { count: 1, status } });

    const error = await attempt(() => CALLS[alias](client()));
    const [exchange] = expectAllFollowContract();

    expect(error).toBeInstanceOf(GcoreError);
    expect(exchange.response?.status).toBe(status);
  });

  test.each(Object.keys(CALLS) as RouteAlias[])("%s rateLimitNext follows it", async (alias) => {
    emulator.faults.set(alias, { rateLimitNext: { count: 1, retryAfterSeconds: 3 } });

    await attempt(() => CALLS[alias](client()));
    const [exchange] = expectAllFollowContract();

    expect(exchange.response?.status).toBe(429);
    expect(exchange.response?.headers["retry-after"]).toBe("3");
  });

  test.each(Object.keys(CALLS) as RouteAlias[])("%s undocumented status fails it", async (alias) => {
    emulator.faults.set(alias, { failNext: { count: 1, status: 418 } });

    await attempt(() => CALLS[alias](client()));
    const [exchange] = proxy.take();

    expect(contract.checkResponse(exchange.request.method, exchange.request.path, exchange.response!)).toEqual([
      `${OPERATIONS[alias]} response status 418 is not in the contract`,
    ]);
  });

  test("404 on login is not in the contract", async () => {
    emulator.faults.set("login", { failNext: { count: 1, status: 404 } });

    await attempt(() => CALLS.login(client()));
    const [exchange] = proxy.take();

    expect(contract.checkResponse("POST", "/iam/auth/jwt/login", exchange.response!)).toEqual(["POST /iam/auth/jwt/login response status 404 is not in the contract"]);
  });
});
