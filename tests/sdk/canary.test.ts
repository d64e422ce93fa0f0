import * as util from "node:util";

import { GcoreError, GcoreIamClient, decodeTokenExpiry, type GcoreClientOptions } from "../../sdk";
import { useCleanGcoreEnv } from "./support/env";
import {
  closedPortUrl,
  FixtureServer,
  hang,
  json,
  resetBeforeResponse,
  resetMidResponse,
  text,
  type Reply,
} from "./support/fixture-server";

useCleanGcoreEnv();

// Distinctive secrets: any of them in an error or log line is a leak.
const OLD_PASSWORD = "CanaryOldPw-7f3a\"quote\\slash";
const NEW_PASSWORD = "CanaryNewPw-91bd/ü";
const API_KEY = "42_CanaryApiKey5c2e";
const ACCESS_TOKEN = "CanaryAccessToken.4d1c.sig";
const REFRESH_TOKEN = "CanaryRefreshToken.88aa.sig";
const ONE_TIME_PASSWORD = "CanaryOtp-6012";
const RESPONSE_TOKEN = "CanaryResponseToken-3e3e";
const CANARIES = [OLD_PASSWORD, NEW_PASSWORD, API_KEY, ACCESS_TOKEN, REFRESH_TOKEN, ONE_TIME_PASSWORD, RESPONSE_TOKEN];
// Fragments that also catch partial or re-encoded leaks.
const CANARY_FRAGMENTS = ["Canary", "7f3a", "91bd", "5c2e", "4d1c", "88aa", "6012", "3e3e"];

/**
 * Returns a hostile reply that echoes the request body and Authorization header back in every place
 * it can. A 2xx "tokens" reply instead carries a received token, which must not appear either.
 */
function echo(status: number, shape: "detail" | "message" | "errors" | "tokens"): Reply {
  return (request, response, body) => {
    const leak = `body=${body} auth=${request.headers.authorization ?? ""}`;
    const payload =
      shape === "errors"
        ? { errors: { old: [leak], [String(request.headers.authorization)]: [body], nested: { deeper: [leak] } } }
        : shape === "tokens"
          ? { access: RESPONSE_TOKEN, refresh: 5 }
          : { [shape]: leak };
    response.writeHead(status, { "content-type": "application/json", "x-request-id": leak });
    response.end(JSON.stringify(payload));
  };
}

function echoText(status: number): Reply {
  return (request, response, body) => {
    response.writeHead(status, { "content-type": "text/plain", location: `http://127.0.0.1/?token=${RESPONSE_TOKEN}` });
    response.end(`not json ${body} ${request.headers.authorization ?? ""}`);
  };
}

const SCRIPTED_REPLIES: Array<[string, Reply]> = [
  ["400 field errors", echo(400, "errors")],
  ["400 message", echo(400, "message")],
  ["401", echo(401, "detail")],
  ["403", echo(403, "detail")],
  ["404", echo(404, "detail")],
  ["409", echo(409, "message")],
  ["429", echo(429, "detail")],
  ["500", echo(500, "detail")],
  ["503", echoText(503)],
  ["302", echoText(302)],
  ["200 invalid JSON", echoText(200)],
  ["200 wrong shape", echo(200, "tokens")],
  ["reset mid-response", resetMidResponse()],
  ["reset before response", resetBeforeResponse()],
  ["timeout", hang()],
];

/** Replies after which the retry policy sends a retryable call again. */
const TRANSIENT_REPLIES = new Set(["429", "500", "503", "reset mid-response", "reset before response", "timeout"]);

/** Name, client options, the call, and whether the retry policy may repeat it. */
type Call = [string, Partial<GcoreClientOptions>, (client: GcoreIamClient) => Promise<unknown>, boolean];

const CALLS: Call[] = [
  ["changePassword with API key", { apiKey: API_KEY }, (client) => client.changePassword(42, { oldPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD }), false],
  ["changePassword with token", { apiKey: API_KEY, accessToken: ACCESS_TOKEN }, (client) => client.changePassword(42, { oldPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD }), false],
  ["logIn", { apiKey: API_KEY }, (client) => client.logIn({ username: "user@example.com", password: OLD_PASSWORD, oneTimePassword: ONE_TIME_PASSWORD }), true],
  ["refresh", { accessToken: ACCESS_TOKEN }, (client) => client.refresh(REFRESH_TOKEN), false],
  ["getUser", { accessToken: ACCESS_TOKEN }, (client) => client.getUser(42), true],
];

/** Retries are on, with the default two retries, but take no time. */
const noWait = async (): Promise<void> => undefined;

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

function expectNoCanary(texts: string[]): void {
  for (const text of texts) {
    for (const canary of [...CANARIES, ...CANARY_FRAGMENTS]) {
      expect(text).not.toContain(canary);
    }
  }
}

let server: FixtureServer;

beforeEach(async () => {
  server = await FixtureServer.start();
});

afterEach(async () => {
  await server.close();
});

describe.each(CALLS)("canary: %s", (_call, options, send, retryable) => {
  test.each(SCRIPTED_REPLIES)("%s leaks nothing", async (replyName, reply) => {
    server.reply(reply, reply, reply);
    const lines: string[] = [];
    const client = new GcoreIamClient({ ...options, baseUrl: server.url, timeoutMs: 150, sleep: noWait, logger: (line) => lines.push(line) });
    const attempts = retryable && TRANSIENT_REPLIES.has(replyName) ? 3 : 1;

    const error = await send(client).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GcoreError);
    expect(server.requests).toHaveLength(attempts);
    // One line per attempt and one per retry.
    expect(lines).toHaveLength(2 * attempts - 1);
    expectNoCanary([...visibleTexts(error), ...lines]);
  });

  test("connection refused leaks nothing", async () => {
    const lines: string[] = [];
    const client = new GcoreIamClient({ ...options, baseUrl: await closedPortUrl(), sleep: noWait, logger: (line) => lines.push(line) });

    const error = await send(client).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GcoreError);
    expect(lines).toHaveLength(retryable ? 5 : 1);
    expectNoCanary([...visibleTexts(error), ...lines]);
  });
});

describe("canary: configuration", () => {
  test("API key as base URL", () => {
    const error = (() => {
      try {
        return new GcoreIamClient({ baseUrl: API_KEY, apiKey: API_KEY });
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(GcoreError);
    expectNoCanary(visibleTexts(error));
  });

  test("access token in URL user info", () => {
    const error = (() => {
      try {
        return new GcoreIamClient({ baseUrl: `https://user:${ACCESS_TOKEN}@api.gcore.com` });
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(GcoreError);
    expectNoCanary(visibleTexts(error));
  });

  test("malformed JWT", () => {
    const error = (() => {
      try {
        return decodeTokenExpiry(`${ACCESS_TOKEN}.extra`);
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(GcoreError);
    expectNoCanary(visibleTexts(error));
  });

  test("client inspection", () => {
    const client = new GcoreIamClient({ apiKey: API_KEY, accessToken: ACCESS_TOKEN });

    expectNoCanary([util.inspect(client, { depth: 10, showHidden: true }), JSON.stringify(client), String(client)]);
  });
});
