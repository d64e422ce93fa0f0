import rotateOneUser = require("../../index");
import { GcoreIamClient } from "../../sdk";
import { CHANGE_ROUTE, canaryPassword, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import { createTestStack, readBackendFiles, runPulumiCli, type TestStack } from "../support/test-stack";

const PROJECT = "gcore-rotate-test";
/** The key Pulumi uses to mark an encrypted secret value in state. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

describe("UserPassword through the Pulumi engine", () => {
  let gcore: TestEmulator;
  let subject: TestStack;
  let firstPassword: string;
  let rotatedPassword: string;
  const secretsSeen: string[] = [];

  beforeAll(async () => {
    gcore = await startTestEmulator();
    subject = await createTestStack(rotateOneUser);
    firstPassword = canaryPassword("first");
    rotatedPassword = canaryPassword("rotated");
    secretsSeen.push(gcore.alice.startPassword, gcore.alice.apiKey, firstPassword, rotatedPassword, gcore.bob.startPassword, gcore.bob.apiKey);

    await subject.stack.setAllConfig({
      "gcore:baseUrl": { value: gcore.emulator.url },
      "gcore:apiKey": { value: gcore.alice.apiKey, secret: true },
      [`${PROJECT}:userId`]: { value: String(gcore.alice.userId) },
      [`${PROJECT}:currentPassword`]: { value: gcore.alice.startPassword, secret: true },
      [`${PROJECT}:password`]: { value: firstPassword, secret: true },
    });
  });

  afterAll(async () => {
    await subject?.dispose();
    await gcore?.emulator.close();
  });

  /** Names (by prefix only) the secrets that appear in a text, so a failure never prints a whole secret. */
  const leakedSecrets = (text: string): string[] => secretsSeen.filter((secret) => text.includes(secret)).map((secret) => `${secret.slice(0, 12)}...`);
  const changeCalls = (): number => gcore.emulator.requestCounts()[CHANGE_ROUTE] ?? 0;
  const logsIn = async (email: string, password: string): Promise<boolean> =>
    new GcoreIamClient({ baseUrl: gcore.emulator.url })
      .logIn({ username: email, password })
      .then(() => true, () => false);

  test("create changes the seeded password", async () => {
    const result = await subject.stack.up({ color: "never" });

    expect(result.summary.resourceChanges?.create).toBe(2);
    expect(changeCalls()).toBe(1);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, firstPassword)).toBe(true);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, gcore.alice.startPassword)).toBe(false);
  });

  test("create outputs secret tokens and expiry times", async () => {
    const outputs = await subject.stack.outputs();

    expect(outputs.accessToken.secret).toBe(true);
    expect(outputs.refreshToken.secret).toBe(true);
    expect(outputs.userId.value).toBe(gcore.alice.userId);
    const accessExpiry = Date.parse(outputs.accessTokenExpiresAt.value);
    const refreshExpiry = Date.parse(outputs.refreshTokenExpiresAt.value);
    expect(accessExpiry - Date.now()).toBeGreaterThan(55 * 60 * 1000);
    expect(accessExpiry - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);
    expect(refreshExpiry - Date.now()).toBeGreaterThan(23 * 60 * 60 * 1000);
    expect(Number.isNaN(Date.parse(outputs.rotatedAt.value))).toBe(false);
    secretsSeen.push(outputs.accessToken.value, outputs.refreshToken.value);
  });

  test("preview without changes calls nothing", async () => {
    const before = changeCalls();

    const preview = await subject.stack.preview({ color: "never" });

    expect(preview.changeSummary.same).toBe(2);
    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(changeCalls()).toBe(before);
  });

  test("preview of a new password shows an update", async () => {
    await subject.stack.setConfig(`${PROJECT}:password`, { value: rotatedPassword, secret: true });
    const before = changeCalls();

    const preview = await subject.stack.preview({ color: "never" });

    expect(preview.changeSummary.update).toBe(1);
    expect(changeCalls()).toBe(before);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, firstPassword)).toBe(true);
  });

  test("update rotates from the stored password", async () => {
    const before = changeCalls();

    const result = await subject.stack.up({ color: "never" });

    expect(result.summary.resourceChanges?.update).toBe(1);
    expect(changeCalls()).toBe(before + 1);
    expect(await logsIn(gcore.alice.email, rotatedPassword)).toBe(true);
    expect(await logsIn(gcore.alice.email, firstPassword)).toBe(false);
    const outputs = await subject.stack.outputs();
    secretsSeen.push(outputs.accessToken.value, outputs.refreshToken.value);
  });

  test("refresh keeps state and changes nothing", async () => {
    const before = changeCalls();

    const result = await subject.stack.refresh({ color: "never" });

    expect(result.summary.result).toBe("succeeded");
    expect(changeCalls()).toBe(before);
    const preview = await subject.stack.preview({ color: "never" });
    expect(preview.changeSummary.update ?? 0).toBe(0);
  });

  test("stack export has no plaintext secrets", async () => {
    const exported = await runPulumiCli(subject, ["stack", "export"]);

    expect(exported).toContain("pulumi-nodejs:dynamic/gcore:UserPassword");
    expect(exported).toContain(SECRET_SIGNATURE);
    expect(leakedSecrets(exported)).toEqual([]);
  });

  test("backend files have no plaintext secrets", async () => {
    const files = readBackendFiles(subject);

    expect(files).toContain("pulumi-nodejs:dynamic/gcore:UserPassword");
    expect(leakedSecrets(files)).toEqual([]);
  });

  test("new userId replaces the resource", async () => {
    const bobPassword = canaryPassword("bob");
    secretsSeen.push(bobPassword);
    await subject.stack.setAllConfig({
      "gcore:apiKey": { value: gcore.bob.apiKey, secret: true },
      [`${PROJECT}:userId`]: { value: String(gcore.bob.userId) },
      [`${PROJECT}:currentPassword`]: { value: gcore.bob.startPassword, secret: true },
      [`${PROJECT}:password`]: { value: bobPassword, secret: true },
    });

    const result = await subject.stack.up({ color: "never" });

    expect(result.summary.resourceChanges?.replace).toBe(1);
    expect(gcore.emulator.passwordMatches(gcore.bob.userId, bobPassword)).toBe(true);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, rotatedPassword)).toBe(true);
  });

  test("destroy leaves the password unchanged", async () => {
    const before = changeCalls();

    const result = await subject.stack.destroy({ color: "never" });

    expect(result.summary.resourceChanges?.delete).toBe(2);
    expect(changeCalls()).toBe(before);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, rotatedPassword)).toBe(true);
  });
});
