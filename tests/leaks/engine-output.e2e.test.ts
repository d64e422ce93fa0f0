import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation";

import { GeneratedPassword, UserPassword } from "../../provider";
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

/** The type token of `GeneratedPassword` resources. */
const GENERATED_PASSWORD_TYPE = "pulumi-nodejs:dynamic/gcore:GeneratedPassword";

/**
 * Bob's API key and passwords, which the program passes as `pulumi.secret` values instead of reading
 * them from config. The CLI masks the text of every secret config value in its output and events, so
 * only values like these show whether the provider or the SDK prints a password or key.
 */
const bobSecrets = { apiKey: "", currentPassword: "", password: "" };

/**
 * Two users, one for each way to pass an API key. Alice's resource reads everything from stack config,
 * with the key in `gcore:apiKey`. Bob's resource gets its own `apiKey` input and its passwords from
 * `bobSecrets`. Both export their access tokens, and a generated password, which no config value
 * masks, is exported too.
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
    apiKey: pulumi.secret(bobSecrets.apiKey),
    currentPassword: pulumi.secret(bobSecrets.currentPassword),
    password: pulumi.secret(bobSecrets.password),
  });
  const generated = new GeneratedPassword("spare-password", { rotateAfter: "30d" });
  return { aliceAccessToken: alice.accessToken, bobAccessToken: bob.accessToken, sparePassword: generated.result };
};

describe.each<OutputLevel>(["default", "debug"])("engine output at %s level", (level) => {
  let gcore: AccountEmulator;
  let subject: TestStack;
  /** Passwords and API keys, which no channel may ever show. */
  const credentials = new Canaries();
  /** Access and refresh tokens issued by the password changes, and the generated password. */
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
    bobSecrets.apiKey = bob.apiKey;
    bobSecrets.currentPassword = bob.startPassword;
    bobSecrets.password = credentials.add("bob's new password", canaryPassword("bob-new"));
    await subject.stack.setAllConfig({
      "gcore:baseUrl": { value: gcore.emulator.url },
      "gcore:apiKey": { value: alice.apiKey, secret: true },
      [`${PROJECT}:aliceUserId`]: { value: String(alice.userId) },
      [`${PROJECT}:aliceCurrentPassword`]: { value: alice.startPassword, secret: true },
      [`${PROJECT}:alicePassword`]: { value: credentials.add("alice's new password", canaryPassword("alice-new")), secret: true },
      [`${PROJECT}:bobUserId`]: { value: String(bob.userId) },
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
        bobSecrets.password = credentials.add("bob's rotated password", canaryPassword("bob-rotated"));
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
    const issuedKeys: Record<string, string[]> = { [USER_PASSWORD_TYPE]: ["accessToken", "refreshToken"], [GENERATED_PASSWORD_TYPE]: ["result"] };
    for (const resource of resources) {
      for (const key of issuedKeys[resource.type] ?? []) {
        const value = plaintextOf(resource.outputs?.[key]);
        if (typeof value === "string") {
          tokens.add(key, value);
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

    test("output has no issued secret", () => {
      expect(tokens.size).toBeGreaterThanOrEqual(5);
      expect(tokens.foundIn(captured(operation).output())).toEqual([]);
    });

    test("events have no issued secret", () => {
      expect(tokens.size).toBeGreaterThanOrEqual(5);
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
