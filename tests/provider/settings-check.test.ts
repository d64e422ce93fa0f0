import { UNKNOWN_VALUE } from "../../provider/inputs";
import { checkSettings, describeSettingError, problemFor, settingsFailure } from "../../provider/settings-check";
import { GcoreConfigurationError } from "../../sdk";

const KEY = "42_0123456789abcdef";
const MISSING_KEY = "No Gcore API token is set for this resource.";

function config(values: Record<string, string>): { get(key: string): string | undefined; require(key: string): string } {
  return {
    get: (key) => values[key],
    require: (key) => values[key] ?? "",
  };
}

function checked(values: Record<string, string>, env: NodeJS.ProcessEnv = {}): ReturnType<typeof checkSettings> {
  return checkSettings(config(values), env);
}

describe("checkSettings", () => {
  test.each<[string, Record<string, string>, string]>([
    ["base URL not a URL", { "gcore:baseUrl": "not a url", "gcore:apiKey": KEY }, "gcore:baseUrl is not a URL. Set it to the API root, such as https://api.gcore.com."],
    [
      "plain http to a remote host",
      { "gcore:baseUrl": "http://192.0.2.1", "gcore:apiKey": KEY },
      'gcore:baseUrl "http://192.0.2.1/" uses plain http to a host other than loopback, which would send credentials unencrypted. ' +
        "Set it to the API root, such as https://api.gcore.com.",
    ],
    [
      "base URL with user info",
      { "gcore:baseUrl": "https://alice:pw@secret@api.gcore.com/iam", "gcore:apiKey": KEY },
      'gcore:baseUrl "https://api.gcore.com/iam" contains user info, but credentials do not belong in a URL. Set it to the API root, such as https://api.gcore.com.',
    ],
    ["bad numeric setting", { "gcore:maxConcurrentRequests": "abc" }, 'gcore:maxConcurrentRequests "abc" is not a positive integer. Set it to a whole number such as 8, or remove it.'],
  ])("%s stops every resource", (_case, values, message) => {
    expect(checked(values).problems).toEqual({ everyResource: message });
  });

  test("base URL from the environment is named by its variable", () => {
    expect(checked({ "gcore:apiKey": KEY }, { GCORE_BASE_URL: "ftp://127.0.0.1" }).problems.everyResource).toBe(
      "GCORE_BASE_URL is not an http or https URL. Set it to the API root, such as https://api.gcore.com.",
    );
  });

  test("missing stack key stops only resources without their own", () => {
    const { problems } = checked({ "gcore:baseUrl": "http://127.0.0.1:1" });

    expect(problems.everyResource).toBeUndefined();
    expect(problems.stackApiKey).toMatch(new RegExp(`^${MISSING_KEY}`));
  });

  test("stack key with its scheme names gcore:apiKey", () => {
    expect(checked({ "gcore:apiKey": `APIKey ${KEY}` }).problems).toEqual({
      stackApiKey: 'gcore:apiKey starts with an authorization scheme. Set it to the bare token: the client adds "APIKey " or "Bearer " itself.',
    });
  });

  test("valid settings have no problem", () => {
    expect(checked({ "gcore:baseUrl": "http://127.0.0.1:1", "gcore:apiKey": KEY, "gcore:requestTimeoutMs": "30000" }).problems).toEqual({});
  });

  test("messages never quote the key", () => {
    const { problems } = checked({ "gcore:baseUrl": KEY, "gcore:apiKey": "http://127.0.0.1:1" });

    expect(JSON.stringify(problems).includes(KEY)).toBe(false);
  });
});

describe("settingsFailure", () => {
  const withoutStackKey = checked({ "gcore:baseUrl": "http://127.0.0.1:1" });

  test.each<[string, unknown, string | undefined]>([
    ["no apiKey input", undefined, ""],
    ["empty apiKey input", "", ""],
    ["own apiKey", KEY, undefined],
    ["unknown apiKey during preview", UNKNOWN_VALUE, undefined],
    ["own apiKey with its scheme", `Bearer ${KEY}`, "apiKey"],
  ])("%s", (_case, apiKey, property) => {
    expect(settingsFailure(withoutStackKey, apiKey)?.property).toBe(property);
  });

  test("own malformed key is named apiKey", () => {
    expect(settingsFailure(withoutStackKey, `Bearer ${KEY}`)?.reason).toBe(
      'apiKey starts with an authorization scheme. Set it to the bare token: the client adds "APIKey " or "Bearer " itself.',
    );
  });

  test("bad base URL stops a resource with its own key", () => {
    expect(settingsFailure(checked({ "gcore:baseUrl": "nope" }), KEY)?.reason).toMatch(/^gcore:baseUrl is not a URL\./);
  });
});

describe("problemFor", () => {
  test.each<[string, Parameters<typeof problemFor>[0], string | undefined, string | undefined]>([
    ["every-resource problem", { everyResource: "a" }, KEY, "a"],
    ["stack key problem without own key", { stackApiKey: "b" }, undefined, "b"],
    ["stack key problem with own key", { stackApiKey: "b" }, KEY, undefined],
    ["no problem", {}, undefined, undefined],
  ])("%s", (_case, problems, ownApiKey, expected) => {
    expect(problemFor(problems, ownApiKey)).toBe(expected);
  });
});

describe("describeSettingError", () => {
  test("renames the setting and keeps a neutral next step", () => {
    const error = new GcoreConfigurationError("timeoutMs 0 is invalid.", { setting: "timeoutMs", hint: "Set it to 1 or more." });

    expect(describeSettingError(error, { timeoutMs: "gcore:requestTimeoutMs" })).toBe("gcore:requestTimeoutMs 0 is invalid. Set it to 1 or more.");
  });

  test("keeps a message without a setting", () => {
    expect(describeSettingError(new GcoreConfigurationError("Something is off."), {})).toBe("Something is off.");
  });
});
