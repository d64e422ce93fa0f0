import * as net from "node:net";

import type * as pulumi from "@pulumi/pulumi";

import { UserPasswordError } from "../../provider/failures";
import { UserPasswordRuntime } from "../../provider/runtime";
import { findClosedPort } from "../support/closed-port";
import { ObservationLog } from "./observations";

/** The in-process side of tests/support/connection-guard.js. */
const { installConnectionGuard } = require("../support/connection-guard.js") as {
  installConnectionGuard(options?: { allow?: (host: string) => boolean; onBlocked?: (target: { host: string; port: number }) => void }): () => void;
};

const CURRENT = "Current-Password-1";
const NEW = "New-Password-2";

/** One input that `check` judges without the engine: the input, and the failures as "property: reason". */
interface CheckCase {
  name: string;
  input: string;
  news: Record<string, unknown>;
  failures: string[];
  note?: string;
  /** A known defect: the behaviour expected once it is fixed, checked by a `test.failing` until then. */
  defect?: { expected: string; check(failures: string[]): void };
}

const NOT_POSITIVE = "is not a positive integer. Set userId to the numeric id of the Gcore user, for example 42.";

const CHECK_CASES: CheckCase[] = [
  { name: "userId numeric string with spaces", input: 'userId: " 42 "', news: { userId: " 42 ", currentPassword: CURRENT, password: NEW }, failures: [], note: "Accepted as 42." },
  { name: "userId null", input: "userId: null", news: { userId: null, currentPassword: CURRENT, password: NEW }, failures: ["userId: userId is missing. Set userId to the numeric id of the Gcore user whose password this resource manages."] },
  { name: "userId exponent notation", input: 'userId: "4e1"', news: { userId: "4e1", currentPassword: CURRENT, password: NEW }, failures: [`userId: userId (a string) ${NOT_POSITIVE}`] },
  {
    name: "userId numeric string above MAX_SAFE_INTEGER",
    input: 'userId: "12345678901234567890"',
    news: { userId: "12345678901234567890", currentPassword: CURRENT, password: NEW },
    failures: [
      'userId: userId "12345678901234567890" is larger than 9007199254740991, the largest integer that can be sent exactly. ' +
        "Set userId to the numeric id of the Gcore user, for example 42.",
    ],
  },
  { name: "password tab and newline", input: 'password: "\\t\\n"', news: { userId: 42, currentPassword: CURRENT, password: "\t\n" }, failures: ["password: password is empty or only whitespace. Set password to a non-empty password."] },
  {
    name: "password with leading space",
    input: 'password: " New-Password-2"',
    news: { userId: 42, currentPassword: CURRENT, password: ` ${NEW}` },
    failures: ["password: password starts or ends with whitespace, which is often a newline read from a file by mistake. Remove the surrounding whitespace."],
  },
  {
    name: "password ending in a no-break space",
    input: 'password: "New-Password-2\\u00a0"',
    news: { userId: 42, currentPassword: CURRENT, password: `${NEW}\u00a0` },
    failures: ["password: password starts or ends with whitespace, which is often a newline read from a file by mistake. Remove the surrounding whitespace."],
    note: "String.prototype.trim counts U+00A0 as whitespace, so a password that really ends in one cannot be managed.",
  },
  {
    name: "password an object",
    input: 'password: { value: "..." }',
    news: { userId: 42, currentPassword: CURRENT, password: { value: NEW } },
    failures: ["password: password must be a string, but it is an object. Pass the password as a string."],
  },
  {
    name: "password an array",
    input: 'password: ["..."]',
    news: { userId: 42, currentPassword: CURRENT, password: [NEW] },
    failures: ["password: password must be a string, but it is an array. Pass the password as a string."],
  },
  { name: "password null", input: "password: null", news: { userId: 42, currentPassword: CURRENT, password: null }, failures: ["password: password is missing. Set password to a non-empty string, ideally from a secret config value."] },
  {
    name: "currentPassword with trailing newline",
    input: "currentPassword read from a file with its final newline",
    news: { userId: 42, currentPassword: `${CURRENT}\n`, password: NEW },
    failures: ["currentPassword: currentPassword starts or ends with whitespace, which is often a newline read from a file by mistake. Remove the surrounding whitespace."],
  },
  {
    name: "currentPassword a number",
    input: "currentPassword: 1234",
    news: { userId: 42, currentPassword: 1234, password: NEW },
    failures: ["currentPassword: currentPassword must be a string, but it is a number. Pass the password as a string."],
  },
];

/** Wraps settings as the dynamic-provider host passes stack configuration to `configure`. */
function stackConfig(values: Record<string, string>): pulumi.dynamic.ConfigureRequest {
  const config = { get: (key: string) => values[key], require: (key: string) => values[key] ?? "" };
  return { config } as unknown as pulumi.dynamic.ConfigureRequest;
}

describe("UserPasswordRuntime check of bad inputs", () => {
  const runtime = new UserPasswordRuntime();
  const log = new ObservationLog("runtime", "Resource inputs judged by check alone", CHECK_CASES.map((testCase) => testCase.name));

  afterAll(() => {
    log.write();
  });

  for (const testCase of CHECK_CASES) {
    const failuresOf = async (): Promise<string[]> => {
      const result = await runtime.check({}, testCase.news);
      return (result.failures ?? []).map((failure) => `${failure.property}: ${failure.reason}`);
    };

    test(`${testCase.name}: failures`, async () => {
      const failures = await failuresOf();
      log.record({
        case: testCase.name,
        input: testCase.input,
        ranThrough: "runtime",
        previewFails: failures.length > 0,
        previewMessage: failures,
        upMessage: failures,
        printsStackTrace: false,
        changeCalls: 0,
        logins: 0,
        passwordChanged: false,
        leaked: Object.entries({ currentPassword: CURRENT, password: NEW }).flatMap(([label, secret]) => (failures.join("\n").includes(secret) ? [label] : [])),
        note: testCase.note ?? "",
        expectedAfterFix: testCase.defect === undefined ? [] : [testCase.defect.expected],
      });

      expect(failures).toEqual(testCase.failures);
    });

    test(`${testCase.name}: no password in failures`, async () => {
      const failures = (await failuresOf()).join("\n");

      expect(failures).not.toContain(CURRENT);
      expect(failures).not.toContain(NEW);
    });

    if (testCase.defect !== undefined) {
      const defect = testCase.defect;
      test.failing(`${testCase.name}: after fix: ${defect.expected}`, async () => defect.check(await failuresOf()));
    }
  }

  test("numeric string with spaces becomes a number", async () => {
    const result = await runtime.check({}, { userId: " 42 ", currentPassword: CURRENT, password: NEW });

    expect(result.inputs?.userId).toBe(42);
  });
});

describe("UserPasswordRuntime with a missing stack API key", () => {
  test("check passes a resource with its own apiKey", async () => {
    const runtime = new UserPasswordRuntime();
    await runtime.configure(stackConfig({ "gcore:baseUrl": "http://127.0.0.1:1" }));

    const own = await runtime.check({}, { userId: 42, currentPassword: CURRENT, password: NEW, apiKey: "42_0123456789abcdef" });
    const none = await runtime.check({}, { userId: 42, currentPassword: CURRENT, password: NEW });

    expect(own.failures).toEqual([]);
    expect(none.failures?.map((failure) => failure.property)).toEqual([""]);
  });
});

describe("UserPasswordRuntime with plain http to a remote host", () => {
  let blocked: string[];
  let uninstall: () => void;

  beforeEach(() => {
    blocked = [];
  });

  afterEach(() => {
    uninstall?.();
  });

  test("check and create fail without connecting", async () => {
    uninstall = installConnectionGuard({ onBlocked: (target) => blocked.push(`${target.host}:${target.port}`) });
    const runtime = new UserPasswordRuntime();
    await runtime.configure(stackConfig({ "gcore:baseUrl": "http://192.0.2.1", "gcore:apiKey": "42_0123456789abcdef" }));

    const checked = await runtime.check({}, { userId: 42, currentPassword: CURRENT, password: NEW });
    const failure = await runtime.create({ userId: 42, currentPassword: CURRENT, password: NEW, passwordVersion: 1, rotationReason: "first creation" }).catch((error: unknown) => error);

    expect(checked.failures).toEqual([{ property: "", reason: expect.stringMatching(/^gcore:baseUrl "http:\/\/192\.0\.2\.1\/" uses plain http/) }]);
    expect(failure).toBeInstanceOf(UserPasswordError);
    expect(blocked).toEqual([]);
  });

  test("guard reports a blocked connection", async () => {
    // Blocking every host makes the guard's own check visible while any escaped packet would stay on loopback.
    uninstall = installConnectionGuard({ allow: () => false, onBlocked: (target) => blocked.push(`${target.host}:${target.port}`) });
    const port = await findClosedPort();

    const failure = await new Promise<NodeJS.ErrnoException>((resolve) => net.connect({ host: "127.0.0.1", port }).once("error", resolve));

    expect(failure.code).toBe("EGUARDBLOCKED");
    expect(blocked).toEqual([`127.0.0.1:${port}`]);
  });
});
