import rotateOneUser = require("../../index");
import { startAccountEmulator, type AccountEmulator } from "../support/account-emulator";
import { Canaries, plaintextOf } from "../support/canaries";
import { canaryPassword } from "../support/emulator-fixture";
import { captureEngineOutput, type EngineCapture, type OutputLevel } from "../support/engine-output";
import { resourceOutputs, USER_PASSWORD_TYPE } from "../support/stack-state";
import { createTestStack, type TestStack } from "../support/test-stack";

const PROJECT = "gcore-rotate-test";

/** The engine operations of one lifecycle, in the order the tests run them. */
type Operation = "up (create)" | "preview" | "preview --diff" | "up (rotation)" | "refresh" | "destroy";
const OPERATIONS: Operation[] = ["up (create)", "preview", "preview --diff", "up (rotation)", "refresh", "destroy"];

/**
 * Where the access and refresh tokens appear in plaintext today, by output level and channel.
 *
 * NOTE: The Pulumi Node.js SDK (3.276.0, runtime/resource.js) logs every RegisterResource response
 * as a debug diagnostic, the resource's outputs included. In that response the password outputs read
 * "[secret]", but the token outputs are plaintext. That happens in an `up` that creates or updates
 * the resource and in a `preview` that finds it unchanged. The diagnostic goes into the engine event
 * stream at every level: the Automation API's `onEvent` and `--event-log` file, and the update log
 * that a Pulumi Cloud backend stores. With `--debug` it is printed too. A preview of a pending
 * update returns unknown outputs instead, and refresh and destroy do not run the program.
 * These cells are `test.failing` until the tokens stop being outputs or the SDK stops logging them,
 * so the suite goes red the day the leak is gone and this table needs updating.
 */
const KNOWN_TOKEN_LEAKS: Record<OutputLevel, Record<"output" | "events", Operation[]>> = {
  default: { output: [], events: ["up (create)", "preview", "up (rotation)"] },
  debug: { output: ["up (create)", "preview", "up (rotation)"], events: ["up (create)", "preview", "up (rotation)"] },
};

describe.each<OutputLevel>(["default", "debug"])("engine output at %s level", (level) => {
  let gcore: AccountEmulator;
  let subject: TestStack;
  /** Passwords and API keys, which no channel may ever show. */
  const credentials = new Canaries();
  /** Access and refresh tokens issued by the password changes. */
  const tokens = new Canaries();
  const captures = new Map<Operation, EngineCapture>();

  beforeAll(async () => {
    gcore = await startAccountEmulator(2);
    const [alice, bob] = gcore.accounts;
    subject = await createTestStack(rotateOneUser);

    credentials.add("current password", alice.startPassword);
    credentials.add("API key", alice.apiKey);
    credentials.add("API key of another user", bob.apiKey);
    credentials.add("password of another user", bob.startPassword);
    await subject.stack.setAllConfig({
      "gcore:baseUrl": { value: gcore.emulator.url },
      "gcore:apiKey": { value: alice.apiKey, secret: true },
      [`${PROJECT}:userId`]: { value: String(alice.userId) },
      [`${PROJECT}:currentPassword`]: { value: alice.startPassword, secret: true },
      [`${PROJECT}:password`]: { value: credentials.add("new password", canaryPassword("new")), secret: true },
    });
  });

  afterAll(async () => {
    await subject?.dispose();
    await gcore?.emulator.close();
  });

  /** Runs one operation with output captured at this level, then records the tokens now in state. */
  const run = async (operation: Operation): Promise<void> => {
    const capture = captureEngineOutput(level);
    captures.set(operation, capture);
    const { stack } = subject;

    switch (operation) {
      case "up (create)":
      case "up (rotation)":
        await stack.up(capture.options);
        break;
      case "preview":
        await stack.preview(capture.options);
        break;
      case "preview --diff":
        await stack.setConfig(`${PROJECT}:password`, { value: credentials.add("rotated password", canaryPassword("rotated")), secret: true });
        await stack.preview({ ...capture.options, diff: true });
        break;
      case "refresh":
        await stack.refresh(capture.options);
        break;
      case "destroy":
        await stack.destroy(capture.options);
        break;
    }
    await recordTokens();
  };

  const recordTokens = async (): Promise<void> => {
    const outputs = await resourceOutputs(subject.stack, USER_PASSWORD_TYPE);
    for (const key of ["accessToken", "refreshToken"]) {
      const token = plaintextOf(outputs?.[key]);
      if (typeof token === "string") {
        tokens.add(key, token);
      }
    }
  };

  const captured = (operation: Operation): EngineCapture => {
    const capture = captures.get(operation);
    if (capture === undefined) {
      throw new Error(`${operation} did not run, so there is no output to check.`);
    }
    return capture;
  };

  describe.each(OPERATIONS)("%s", (operation) => {
    const tokenTest = (channel: "output" | "events") => (KNOWN_TOKEN_LEAKS[level][channel].includes(operation) ? test.failing : test);

    test("runs", async () => {
      await run(operation);

      expect(captured(operation).output()).not.toBe("");
    });

    test("output has no password or API key", () => {
      expect(credentials.foundIn(captured(operation).output())).toEqual([]);
    });

    test("events have no password or API key", () => {
      expect(credentials.foundIn(captured(operation).events())).toEqual([]);
    });

    tokenTest("output")("output has no token", () => {
      expect(tokens.size).toBeGreaterThan(0);
      expect(tokens.foundIn(captured(operation).output())).toEqual([]);
    });

    tokenTest("events")("events have no token", () => {
      expect(tokens.size).toBeGreaterThan(0);
      expect(tokens.foundIn(captured(operation).events())).toEqual([]);
    });
  });

  test("emulator log has no secret", () => {
    const log = gcore.logLines.join("\n");

    expect(log).toContain("PUT /iam/users/");
    expect(credentials.foundIn(log)).toEqual([]);
    expect(tokens.foundIn(log)).toEqual([]);
  });
});
