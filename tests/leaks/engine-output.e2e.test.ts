import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation";

import { UserPassword } from "../../provider";
import { startAccountEmulator, type AccountEmulator } from "../support/account-emulator";
import { Canaries, plaintextOf } from "../support/canaries";
import { canaryPassword } from "../support/emulator-fixture";
import { captureEngineOutput, type EngineCapture, type OutputLevel } from "../support/engine-output";
import { USER_PASSWORD_TYPE } from "../support/stack-state";
import { createTestStack, type TestStack } from "../support/test-stack";

const PROJECT = "gcore-rotate-test";

/** The engine operations of one lifecycle, in the order the tests run them. */
type Operation = "up (create)" | "preview" | "preview --diff" | "up (rotation)" | "refresh" | "destroy";
const OPERATIONS: Operation[] = ["up (create)", "preview", "preview --diff", "up (rotation)", "refresh", "destroy"];

/**
 * Two users, one for each way to pass an API key: alice's resource uses the stack config
 * `gcore:apiKey`, and bob's resource its own `apiKey` input. Both export their access tokens.
 */
const twoUsers: PulumiFn = async () => {
  const config = new pulumi.Config();
  const alice = new UserPassword("alice-password", {
    userId: config.requireNumber("aliceUserId"),
    currentPassword: config.requireSecret("aliceCurrentPassword"),
    password: config.requireSecret("alicePassword"),
  });
  const bob = new UserPassword("bob-password", {
    userId: config.requireNumber("bobUserId"),
    apiKey: config.requireSecret("bobApiKey"),
    currentPassword: config.requireSecret("bobCurrentPassword"),
    password: config.requireSecret("bobPassword"),
  });
  return { aliceAccessToken: alice.accessToken, bobAccessToken: bob.accessToken };
};

/**
 * Where the access and refresh tokens appear in plaintext today, by output level and channel.
 *
 * NOTE: The Pulumi Node.js SDK (3.276.0, runtime/resource.js) logs every RegisterResource response
 * as a debug diagnostic, the resource's outputs included. In that response the outputs that were
 * secret inputs (the passwords and the `apiKey` input) read "[secret]", but the tokens are plaintext. That happens in an `up` that creates or updates
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
    subject = await createTestStack(twoUsers);

    credentials.add("alice's current password", alice.startPassword);
    credentials.add("API key in stack config", alice.apiKey);
    credentials.add("API key input", bob.apiKey);
    credentials.add("bob's current password", bob.startPassword);
    await subject.stack.setAllConfig({
      "gcore:baseUrl": { value: gcore.emulator.url },
      "gcore:apiKey": { value: alice.apiKey, secret: true },
      [`${PROJECT}:aliceUserId`]: { value: String(alice.userId) },
      [`${PROJECT}:aliceCurrentPassword`]: { value: alice.startPassword, secret: true },
      [`${PROJECT}:alicePassword`]: { value: credentials.add("alice's new password", canaryPassword("alice-new")), secret: true },
      [`${PROJECT}:bobUserId`]: { value: String(bob.userId) },
      [`${PROJECT}:bobApiKey`]: { value: bob.apiKey, secret: true },
      [`${PROJECT}:bobCurrentPassword`]: { value: bob.startPassword, secret: true },
      [`${PROJECT}:bobPassword`]: { value: credentials.add("bob's new password", canaryPassword("bob-new")), secret: true },
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
        await stack.setConfig(`${PROJECT}:alicePassword`, { value: credentials.add("alice's rotated password", canaryPassword("alice-rotated")), secret: true });
        await stack.setConfig(`${PROJECT}:bobPassword`, { value: credentials.add("bob's rotated password", canaryPassword("bob-rotated")), secret: true });
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
    const state = await subject.stack.exportStack();
    const resources = (state.deployment?.resources ?? []) as Array<{ type: string; outputs?: Record<string, unknown> }>;
    for (const resource of resources.filter((candidate) => candidate.type === USER_PASSWORD_TYPE)) {
      for (const key of ["accessToken", "refreshToken"]) {
        const token = plaintextOf(resource.outputs?.[key]);
        if (typeof token === "string") {
          tokens.add(key, token);
        }
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
