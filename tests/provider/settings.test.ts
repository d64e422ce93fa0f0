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

    expect(settings).toEqual({ apiKey: "1_config", baseUrl: "http://127.0.0.1:1", maxConcurrentRequests: 8, verifyOnRefresh: false });
  });

  test("environment fills missing config", () => {
    const settings = resolveSettings(config({}), { GCORE_API_KEY: "1_env", GCORE_BASE_URL: "http://127.0.0.1:2" });

    expect(settings).toEqual({ apiKey: "1_env", baseUrl: "http://127.0.0.1:2", maxConcurrentRequests: 8, verifyOnRefresh: false });
  });

  test("blank values count as unset", () => {
    const settings = resolveSettings(config({ "gcore:apiKey": "  " }), {});

    expect(settings).toEqual({ apiKey: undefined, baseUrl: undefined, maxConcurrentRequests: 8, verifyOnRefresh: false });
  });

  test("reads maxConcurrentRequests", () => {
    expect(resolveSettings(config({ "gcore:maxConcurrentRequests": "3" }), {}).maxConcurrentRequests).toBe(3);
  });

  test.each(["0", "-1", "2.5", "many"])("rejects maxConcurrentRequests %s", (value) => {
    expect(() => resolveSettings(config({ "gcore:maxConcurrentRequests": value }), {})).toThrow(`gcore:maxConcurrentRequests "${value}" is not a positive integer`);
  });
});
