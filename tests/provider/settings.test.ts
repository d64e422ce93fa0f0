import { resolveSettings } from "../../provider/settings";

function config(values: Record<string, string>): { get(key: string): string | undefined; require(key: string): string } {
  return {
    get: (key) => values[key],
    require: (key) => values[key] ?? "",
  };
}

describe("resolveSettings", () => {
  test("stack config wins over environment", () => {
    const settings = resolveSettings(config({ "gcore:apiKey": "1_config", "gcore:baseUrl": "http://127.0.0.1:1" }), {
      GCORE_API_KEY: "1_env",
      GCORE_BASE_URL: "http://127.0.0.1:2",
    });

    expect(settings).toEqual({
      apiKey: "1_config",
      apiKeySource: "gcore:apiKey",
      baseUrl: "http://127.0.0.1:1",
      baseUrlSource: "gcore:baseUrl",
      maxConcurrentRequests: 8,
      verifyOnRefresh: false,
    });
  });

  test("environment fills missing config", () => {
    const settings = resolveSettings(config({}), { GCORE_API_KEY: "1_env", GCORE_BASE_URL: "http://127.0.0.1:2" });

    expect(settings).toEqual({
      apiKey: "1_env",
      apiKeySource: "GCORE_API_KEY",
      baseUrl: "http://127.0.0.1:2",
      baseUrlSource: "GCORE_BASE_URL",
      maxConcurrentRequests: 8,
      verifyOnRefresh: false,
    });
  });

  test("blank values count as unset", () => {
    const settings = resolveSettings(config({ "gcore:apiKey": "  " }), {});

    expect(settings).toEqual({
      apiKey: undefined,
      apiKeySource: "gcore:apiKey",
      baseUrl: undefined,
      baseUrlSource: "gcore:baseUrl",
      maxConcurrentRequests: 8,
      verifyOnRefresh: false,
    });
  });

  test("reads maxConcurrentRequests", () => {
    expect(resolveSettings(config({ "gcore:maxConcurrentRequests": "3" }), {}).maxConcurrentRequests).toBe(3);
  });

  test.each(["0", "-1", "2.5", "many"])("rejects maxConcurrentRequests %s", (value) => {
    expect(() => resolveSettings(config({ "gcore:maxConcurrentRequests": value }), {})).toThrow(`gcore:maxConcurrentRequests "${value}" is not a positive integer`);
  });

  test("reads requestTimeoutMs", () => {
    expect(resolveSettings(config({ "gcore:requestTimeoutMs": "2147483647" }), {}).requestTimeoutMs).toBe(2147483647);
  });

  test.each([
    ["gcore:maxConcurrentRequests", "abc", 'gcore:maxConcurrentRequests "abc" is not a positive integer. Set it to a whole number such as 8, or remove it.'],
    ["gcore:requestTimeoutMs", "0", 'gcore:requestTimeoutMs "0" is not a positive integer. Set it to a number of milliseconds such as 30000, or remove it.'],
    [
      "gcore:requestTimeoutMs",
      "2147483648",
      'gcore:requestTimeoutMs "2147483648" is larger than the maximum of 2147483647. Set it to a number of milliseconds such as 30000, or remove it.',
    ],
    [
      "gcore:maxConcurrentRequests",
      "9007199254740993",
      'gcore:maxConcurrentRequests "9007199254740993" is larger than 9007199254740991. Set it to a whole number such as 8, or remove it.',
    ],
  ])("message for %s %s", (key, value, message) => {
    expect(() => resolveSettings(config({ [key]: value }), {})).toThrow(message);
  });
});
