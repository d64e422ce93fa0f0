import rotateOneUser = require("../../examples/rotate-one-user");
import { NOW_OVERRIDE_VARIABLE } from "../../provider/generated-password/clock-override";
import { CHANGE_ROUTE, oneAccountConfig, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import { createTestStack, readBackendFiles, runPulumiCli, TEST_PROJECT, type TestStack } from "../support/test-stack";

const PROJECT = TEST_PROJECT;
const GENERATED_TYPE = "pulumi-nodejs:dynamic/gcore:GeneratedPassword";
const T0 = "2026-01-01T00:00:00.000Z";
const FIRST_DUE = "2026-01-31T00:00:00.000Z";

/**
 * Runs the rotate-one-user example through the real engine. The GCORE_ROTATE_NOW test hook sets the
 * provider's clock. A rotation happens exactly when the 30-day period has passed, and the preview
 * shows it without a refresh. The schedule stays anchored to the first generation.
 */
describe("scheduled rotation through the Pulumi engine", () => {
  let gcore: TestEmulator;
  let subject: TestStack;
  const secretsSeen: string[] = [];

  beforeAll(async () => {
    gcore = await startTestEmulator();
    subject = await createTestStack(rotateOneUser);
    secretsSeen.push(gcore.alice.startPassword, gcore.alice.apiKey);

    await subject.stack.setAllConfig({
      ...oneAccountConfig(gcore, PROJECT),
    });
  });

  afterAll(async () => {
    await subject?.dispose();
    await gcore?.emulator.close();
  });

  const setNow = (time: string): void => {
    subject.stack.workspace.envVars[NOW_OVERRIDE_VARIABLE] = time;
  };
  const changeCalls = (): number => gcore.emulator.requestCounts()[CHANGE_ROUTE] ?? 0;
  const currentPassword = async (): Promise<string> => {
    const password = (await subject.stack.outputs()).password;
    expect(password.secret).toBe(true);
    secretsSeen.push(password.value);
    return password.value as string;
  };
  const plainOutputs = async (): Promise<Record<string, unknown>> => {
    const outputs = await subject.stack.outputs();
    return { rotationCount: outputs.rotationCount.value, rotationReason: outputs.rotationReason.value, nextRotationAt: outputs.nextRotationAt.value };
  };

  /** Reads the generator's state with the secret value decrypted. */
  const generatedState = async (): Promise<{ result: string; rotationCount: number }> => {
    const deployment = (await subject.stack.exportStack()).deployment as { resources: Array<{ type: string; outputs: Record<string, unknown> }> };
    const outputs = deployment.resources.find((resource) => resource.type === GENERATED_TYPE)?.outputs ?? {};
    const secret = outputs.result as { plaintext: string };
    const result = JSON.parse(secret.plaintext) as string;
    secretsSeen.push(result);
    return { result, rotationCount: outputs.rotationCount as number };
  };

  test("create sets a generated password", async () => {
    setNow(T0);

    const result = await subject.stack.up({ color: "never" });

    expect(result.summary.resourceChanges?.create).toBe(3);
    expect(changeCalls()).toBe(1);
    const password = await currentPassword();
    expect(password).toHaveLength(24);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, password)).toBe(true);
    expect(await plainOutputs()).toEqual({ rotationCount: 1, rotationReason: "first generation", nextRotationAt: FIRST_DUE });
  });

  test("preview 1 ms before due shows nothing", async () => {
    setNow("2026-01-30T23:59:59.999Z");

    const preview = await subject.stack.preview({ color: "never" });

    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(preview.changeSummary.same).toBe(3);
  });

  test("up 1 ms before due changes nothing", async () => {
    const before = changeCalls();
    const password = await currentPassword();

    const result = await subject.stack.up({ color: "never" });

    expect(result.summary.resourceChanges?.update ?? 0).toBe(0);
    expect(changeCalls()).toBe(before);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, password)).toBe(true);
  });

  test("preview at due time shows rotation without refresh", async () => {
    setNow(FIRST_DUE);
    const before = changeCalls();

    const preview = await subject.stack.preview({ color: "never", diff: true });

    expect(preview.changeSummary.update).toBe(2);
    expect(preview.stdout).toContain('rotationReason : "first generation" => "rotation period elapsed"');
    expect(preview.stdout).toContain("rotationCount  : 1 => 2");
    expect(changeCalls()).toBe(before);
  });

  test("up after due rotates exactly once", async () => {
    setNow("2026-01-31T06:30:00.000Z");
    const before = changeCalls();
    const oldPassword = await currentPassword();

    const result = await subject.stack.up({ color: "never" });

    expect(result.summary.resourceChanges?.update).toBe(2);
    expect(changeCalls()).toBe(before + 1);
    const newPassword = await currentPassword();
    expect(newPassword).not.toBe(oldPassword);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, newPassword)).toBe(true);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, oldPassword)).toBe(false);
  });

  test("next due stays on the anchored schedule", async () => {
    // Anchored to the first generation: T0 + 60 days, not the late run's time + 30 days.
    expect(await plainOutputs()).toEqual({ rotationCount: 2, rotationReason: "rotation period elapsed", nextRotationAt: "2026-03-02T00:00:00.000Z" });
  });

  test("second up at same time changes nothing", async () => {
    const before = changeCalls();

    const result = await subject.stack.up({ color: "never" });

    expect(result.summary.resourceChanges?.update ?? 0).toBe(0);
    expect(changeCalls()).toBe(before);
  });

  test("refresh changes nothing and is not needed", async () => {
    setNow("2026-02-15T00:00:00.000Z");
    const before = changeCalls();

    const result = await subject.stack.refresh({ color: "never" });

    expect(result.summary.result).toBe("succeeded");
    expect(changeCalls()).toBe(before);
    expect(await plainOutputs()).toMatchObject({ rotationCount: 2 });
  });

  test("run many periods late rotates once", async () => {
    setNow("2026-07-04T12:00:00.000Z");
    const before = changeCalls();
    const oldPassword = await currentPassword();

    await subject.stack.up({ color: "never" });

    expect(changeCalls()).toBe(before + 1);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, oldPassword)).toBe(false);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, await currentPassword())).toBe(true);
    expect(await plainOutputs()).toEqual({ rotationCount: 3, rotationReason: "rotation period elapsed", nextRotationAt: "2026-07-30T00:00:00.000Z" });
  });

  test("failed change keeps the generated value", async () => {
    setNow("2026-07-30T00:00:00.000Z");
    const passwordBefore = await currentPassword();
    await subject.stack.setConfig("gcore:apiKey", { value: `${gcore.alice.userId}_${"0".repeat(40)}`, secret: true });

    await expect(subject.stack.up({ color: "never" })).rejects.toThrow();

    const generated = await generatedState();
    expect(generated.rotationCount).toBe(4);
    expect(generated.result).not.toBe(passwordBefore);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, passwordBefore)).toBe(true);
  });

  test("next run applies the stored value", async () => {
    const stored = (await generatedState()).result;
    await subject.stack.setConfig("gcore:apiKey", { value: gcore.alice.apiKey, secret: true });
    const before = changeCalls();

    await subject.stack.up({ color: "never" });

    expect(changeCalls()).toBe(before + 1);
    expect((await generatedState()).rotationCount).toBe(4);
    expect(await currentPassword()).toBe(stored);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, stored)).toBe(true);
  });

  test("period edit keeps the password", async () => {
    await subject.stack.setConfig(`${PROJECT}:rotateAfter`, { value: "7d" });
    const passwordBefore = await currentPassword();
    const before = changeCalls();

    const preview = await subject.stack.preview({ color: "never" });
    await subject.stack.up({ color: "never" });

    // The preview cannot know that the value stays, so it lists the account too; the up changes nothing there.
    expect(preview.changeSummary.update).toBe(2);
    expect(changeCalls()).toBe(before);
    expect(await currentPassword()).toBe(passwordBefore);
    expect(await plainOutputs()).toEqual({ rotationCount: 4, rotationReason: "rotation period elapsed", nextRotationAt: "2026-08-06T00:00:00.000Z" });
  });

  test("generated value is stored as a secret", async () => {
    const exported = await runPulumiCli(subject, ["stack", "export"]);
    const files = readBackendFiles(subject);

    expect(exported).toContain(GENERATED_TYPE);
    expect(secretsSeen.filter((secret) => exported.includes(secret)).map((secret) => secret.slice(0, 8))).toEqual([]);
    expect(secretsSeen.filter((secret) => files.includes(secret)).map((secret) => secret.slice(0, 8))).toEqual([]);
  });
});
