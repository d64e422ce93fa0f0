import { GcoreConfigurationError, GcoreIamClient } from "../../sdk";
import { isLoopbackHost } from "../../sdk/settings";
import { useCleanGcoreEnv } from "./support/env";
import { FixtureServer, json } from "./support/fixture-server";
import { tokenPairBody } from "./support/tokens";

useCleanGcoreEnv();

function configurationError(options: ConstructorParameters<typeof GcoreIamClient>[0]): GcoreConfigurationError {
  try {
    new GcoreIamClient(options);
  } catch (error) {
    if (error instanceof GcoreConfigurationError) {
      return error;
    }
    throw error;
  }
  throw new Error("expected GcoreConfigurationError, but the client was created");
}

describe("base URL", () => {
  test("defaults to api.gcore.com", () => {
    expect(new GcoreIamClient().baseUrl).toBe("https://api.gcore.com");
  });

  test("reads GCORE_BASE_URL", () => {
    process.env.GCORE_BASE_URL = "https://iam.example.test/";

    expect(new GcoreIamClient().baseUrl).toBe("https://iam.example.test");
  });

  test("option beats GCORE_BASE_URL", () => {
    process.env.GCORE_BASE_URL = "https://env.example.test";

    expect(new GcoreIamClient({ baseUrl: "https://option.example.test" }).baseUrl).toBe("https://option.example.test");
  });

  test("invalid value is named, not quoted", () => {
    const error = configurationError({ baseUrl: "api.gcore.com" });

    expect(error.message).toBe("baseUrl is not a URL. Set it to an absolute http(s) URL such as https://api.gcore.com.");
    expect(error.name).toBe("GcoreConfigurationError");
    expect(error.setting).toBe("baseUrl");
  });

  test("message parts", () => {
    const error = configurationError({ baseUrl: "api.gcore.com" });

    expect(error.summary).toBe("baseUrl is not a URL.");
    expect(error.hint).toBe("Set it to an absolute http(s) URL such as https://api.gcore.com.");
  });

  test("invalid env value names variable", () => {
    process.env.GCORE_BASE_URL = "not a url";

    const error = configurationError({});

    expect(error.message).toMatch(/^GCORE_BASE_URL is not a URL\./);
    expect(error.setting).toBe("GCORE_BASE_URL");
  });

  test("rejects ftp scheme without quoting it", () => {
    expect(configurationError({ baseUrl: "ftp://api.gcore.com" }).message).toBe(
      "baseUrl is not an http or https URL. Set it to a URL such as https://api.gcore.com.",
    );
  });

  test("scheme of a secret is not quoted", () => {
    expect(configurationError({ baseUrl: "secretname:token-value" }).message).not.toContain("secretname");
  });

  test("rejects query string", () => {
    expect(configurationError({ baseUrl: "https://api.gcore.com/?a=1" }).message).toContain("contains a query or fragment");
  });

  test("rejects user info, quoting only protocol, host and path", () => {
    const error = configurationError({ baseUrl: "https://admin:hunter2@secret@api.gcore.com/iam?key=query-secret" });

    expect(error.message).toBe(
      'baseUrl "https://api.gcore.com/iam" contains user info, but credentials do not belong in a URL. Remove it, and pass credentials as apiKey or accessToken.',
    );
  });

  test("does not quote a value that is not a URL", () => {
    const error = configurationError({ baseUrl: "42_deadbeefcafe", apiKey: "1_other" });

    expect(error.message).not.toContain("42_deadbeefcafe");
  });
});

describe("plain http", () => {
  test("rejects remote host", () => {
    const error = configurationError({ baseUrl: "http://api.gcore.com" });

    expect(error.message).toBe(
      'baseUrl "http://api.gcore.com/" uses plain http to a host other than loopback, which would send credentials unencrypted. ' +
        "Use https, or pass allowInsecureHttp: true if the network is trusted.",
    );
  });

  test("allowInsecureHttp permits remote host", () => {
    expect(new GcoreIamClient({ baseUrl: "http://10.0.0.5:8080", allowInsecureHttp: true }).baseUrl).toBe("http://10.0.0.5:8080");
  });

  test.each(["http://127.0.0.1:8080", "http://127.8.9.10", "http://localhost:3000", "http://[::1]:8080"])("allows loopback %s", (baseUrl) => {
    expect(new GcoreIamClient({ baseUrl }).baseUrl).toBe(baseUrl);
  });

  test.each([
    ["localhost", true],
    ["127.0.0.1", true],
    ["127.255.255.254", true],
    ["[::1]", true],
    ["128.0.0.1", false],
    ["127.example.com", false],
    ["localhost.example.com", false],
    ["[::2]", false],
  ])("isLoopbackHost(%s) is %s", (hostname, expected) => {
    expect(isLoopbackHost(hostname)).toBe(expected);
  });
});

describe("credentials", () => {
  let server: FixtureServer;

  beforeEach(async () => {
    server = await FixtureServer.start();
  });

  afterEach(async () => {
    await server.close();
  });

  test("reads GCORE_API_KEY", async () => {
    process.env.GCORE_API_KEY = "42_fromenv";
    server.reply(json(200, tokenPairBody()));

    await new GcoreIamClient({ baseUrl: server.url }).changePassword(42, { oldPassword: "a", newPassword: "b" });

    expect(server.requests[0].headers.authorization).toBe("APIKey 42_fromenv");
  });

  test("reads GCORE_BASE_URL for requests", async () => {
    process.env.GCORE_BASE_URL = server.url;
    process.env.GCORE_API_KEY = "42_fromenv";
    server.reply(json(200, { id: 7, email: "a@example.com", name: null }));

    await new GcoreIamClient().getUser(7);

    expect(server.requests).toHaveLength(1);
  });

  test("apiKey option beats GCORE_API_KEY", async () => {
    process.env.GCORE_API_KEY = "42_fromenv";
    server.reply(json(200, tokenPairBody()));

    await new GcoreIamClient({ baseUrl: server.url, apiKey: "42_fromoption" }).changePassword(42, { oldPassword: "a", newPassword: "b" });

    expect(server.requests[0].headers.authorization).toBe("APIKey 42_fromoption");
  });

  test("missing credentials name the setting", async () => {
    const client = new GcoreIamClient({ baseUrl: server.url });

    const error = await client.changePassword(42, { oldPassword: "a", newPassword: "b" }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GcoreConfigurationError);
    expect((error as GcoreConfigurationError).message).toBe(
      "PUT /iam/users/42/password needs credentials, but none are set. Set GCORE_API_KEY or pass apiKey (or accessToken) to GcoreIamClient.",
    );
    expect((error as GcoreConfigurationError).method).toBe("PUT");
    expect(server.requests).toHaveLength(0);
  });

  test("blank GCORE_API_KEY counts as unset", async () => {
    process.env.GCORE_API_KEY = "  ";

    const error = await new GcoreIamClient({ baseUrl: server.url }).getUser(7).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GcoreConfigurationError);
  });

  test("trims surrounding whitespace", async () => {
    server.reply(json(200, { id: 7, email: "a@example.com", name: null }));

    await new GcoreIamClient({ baseUrl: server.url, apiKey: " 42_abc\n" }).getUser(7);

    expect(server.requests[0].headers.authorization).toBe("APIKey 42_abc");
  });

  test("rejects scheme prefix", () => {
    const error = configurationError({ apiKey: "APIKey 42_secretvalue" });

    expect(error.message).toBe('apiKey starts with an authorization scheme. Set it to the bare token: the client adds "APIKey " or "Bearer " itself.');
  });

  test.each([
    ["inner newline", "abc\ndef-secret"],
    ["inner space", "abc def-secret"],
    ["non-ASCII letter", "abcdéf-secret"],
  ])("rejects token with %s", (_case, accessToken) => {
    const error = configurationError({ accessToken });

    expect(error.message).toBe("accessToken contains whitespace, control or non-ASCII characters, which a token never does. Copy the token again.");
    expect(error.message).not.toContain("secret");
  });
});

describe("timeoutMs", () => {
  test.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])("rejects %p", (timeoutMs) => {
    expect(configurationError({ timeoutMs }).message).toMatch(/^timeoutMs .* is invalid\. Set it to a number of milliseconds between 1 and 2147483647/);
  });
});
