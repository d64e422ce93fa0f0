import * as pulumi from "@pulumi/pulumi";

import { UserPassword } from "../../provider";
import { CHANGE_ROUTE, canaryPassword, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import { createTestStack, type TestStack } from "../support/test-stack";

const PROJECT = "gcore-rotate-test";

/** Two users in one stack, each with its own API key from config, because a key changes only its own user's password. */
async function twoUsers(): Promise<Record<string, pulumi.Output<unknown>>> {
  const config = new pulumi.Config();
  const outputs: Record<string, pulumi.Output<unknown>> = {};
  for (const name of ["alice", "bob"]) {
    const user = new UserPassword(`${name}-password`, {
      userId: config.requireNumber(`${name}UserId`),
      apiKey: config.requireSecret(`${name}ApiKey`),
      currentPassword: config.requireSecret(`${name}CurrentPassword`),
      password: config.requireSecret(`${name}Password`),
    });
    outputs[`${name}RotationCount`] = user.rotationCount;
  }
  return outputs;
}

describe("several users in one stack", () => {
  let gcore: TestEmulator;
  let subject: TestStack;
  const alicePassword = canaryPassword("multi-alice");
  const bobPassword = canaryPassword("multi-bob");

  beforeAll(async () => {
    gcore = await startTestEmulator();
    subject = await createTestStack(twoUsers);
    await subject.stack.setAllConfig({
      "gcore:baseUrl": { value: gcore.emulator.url },
      [`${PROJECT}:aliceUserId`]: { value: String(gcore.alice.userId) },
      [`${PROJECT}:aliceApiKey`]: { value: gcore.alice.apiKey, secret: true },
      [`${PROJECT}:aliceCurrentPassword`]: { value: gcore.alice.startPassword, secret: true },
      [`${PROJECT}:alicePassword`]: { value: alicePassword, secret: true },
      [`${PROJECT}:bobUserId`]: { value: String(gcore.bob.userId) },
      [`${PROJECT}:bobApiKey`]: { value: gcore.bob.apiKey, secret: true },
      [`${PROJECT}:bobCurrentPassword`]: { value: gcore.bob.startPassword, secret: true },
      [`${PROJECT}:bobPassword`]: { value: bobPassword, secret: true },
    });
  });

  afterAll(async () => {
    await subject?.dispose();
    await gcore?.emulator.close();
  });

  test("per-resource keys create both", async () => {
    const result = await subject.stack.up({ color: "never" });

    expect(result.summary.resourceChanges?.create).toBe(3);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, alicePassword)).toBe(true);
    expect(gcore.emulator.passwordMatches(gcore.bob.userId, bobPassword)).toBe(true);
  });

  test("one changed password rotates one", async () => {
    const next = canaryPassword("multi-bob-next");
    await subject.stack.setConfig(`${PROJECT}:bobPassword`, { value: next, secret: true });
    const changesBefore = gcore.emulator.requestCounts()[CHANGE_ROUTE];

    const preview = await subject.stack.preview({ color: "never" });
    const result = await subject.stack.up({ color: "never" });

    expect(preview.changeSummary.update).toBe(1);
    expect(preview.changeSummary.same).toBe(2);
    expect(result.summary.resourceChanges?.update).toBe(1);
    expect(gcore.emulator.requestCounts()[CHANGE_ROUTE] - changesBefore).toBe(1);
    expect(gcore.emulator.passwordMatches(gcore.bob.userId, next)).toBe(true);
    expect((await subject.stack.outputs()).bobRotationCount.value).toBe(2);
    expect((await subject.stack.outputs()).aliceRotationCount.value).toBe(1);
  });

  test("new API key changes no password", async () => {
    const changesBefore = gcore.emulator.requestCounts()[CHANGE_ROUTE];
    await subject.stack.setConfig(`${PROJECT}:aliceApiKey`, { value: `${gcore.alice.apiKey}`, secret: true });
    await subject.stack.setConfig(`${PROJECT}:bobApiKey`, { value: gcore.alice.apiKey, secret: true });

    const result = await subject.stack.up({ color: "never" });

    expect(result.summary.resourceChanges?.update).toBe(1);
    expect(gcore.emulator.requestCounts()[CHANGE_ROUTE]).toBe(changesBefore);
    expect((await subject.stack.outputs()).bobRotationCount.value).toBe(2);
  });
});
