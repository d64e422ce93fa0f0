import rotateOneUser = require("../../index");
import { CHANGE_ROUTE, canaryPassword, oneAccountConfig, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import { resourceOutputs, USER_PASSWORD_TYPE } from "../support/stack-state";
import { createTestStack, runPulumiCli, TEST_PROJECT, type TestStack } from "../support/test-stack";

const PROJECT = TEST_PROJECT;
const LOGIN_ROUTE = "POST /iam/auth/jwt/login";

describe("unconfirmed change across runs", () => {
  let gcore: TestEmulator;
  let subject: TestStack;
  const first = canaryPassword("pending-first");
  const desired = canaryPassword("pending-desired");

  beforeAll(async () => {
    gcore = await startTestEmulator();
    gcore.emulator.setLockout({ maxFailedAttempts: 3 });
    subject = await createTestStack(rotateOneUser);
    await subject.stack.setAllConfig({
      ...oneAccountConfig(gcore, PROJECT),
      [`${PROJECT}:password`]: { value: first, secret: true },
    });
    await subject.stack.up({ color: "never" });
  });

  afterAll(async () => {
    await subject?.dispose();
    await gcore?.emulator.close();
  });

  const count = (route: string): number => gcore.emulator.requestCounts()[route] ?? 0;

  test("lost answer records pending password", async () => {
    await subject.stack.setConfig(`${PROJECT}:password`, { value: desired, secret: true });
    gcore.emulator.faults.set("change-password", { dropAfterCommitNext: 1 });
    gcore.emulator.faults.set("login", { failNext: { count: 1, status: 503 } });

    const failure = await subject.stack.up({ color: "never" }).then(() => "", (error: unknown) => String(error));
    gcore.emulator.faults.clear();

    expect(failure).toContain("state records the new one as pending");
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, desired)).toBe(true);
    const stored = await resourceOutputs(subject.stack, USER_PASSWORD_TYPE);
    expect(stored?.pendingPassword === desired).toBe(true);
    expect(stored?.password === first).toBe(true);
  });

  test("pending password stays encrypted", async () => {
    const exported = await runPulumiCli(subject, ["stack", "export"]);

    expect(exported).toContain("pendingPassword");
    expect(exported.includes(desired)).toBe(false);
  });

  test("refresh keeps pending state", async () => {
    const result = await subject.stack.refresh({ color: "never" });

    expect(result.summary.result).toBe("succeeded");
    const stored = await resourceOutputs(subject.stack, USER_PASSWORD_TYPE);
    expect(stored?.pendingPassword === desired).toBe(true);
  });

  test("flaky login sends no change", async () => {
    gcore.emulator.faults.set("login", { failNext: { count: 1, status: 503 } });
    const changesBefore = count(CHANGE_ROUTE);

    const failure = await subject.stack.up({ color: "never" }).then(() => "", (error: unknown) => String(error));
    gcore.emulator.faults.clear();

    expect(failure).toContain("logs in with the pending password first");
    expect(count(CHANGE_ROUTE)).toBe(changesBefore);
    expect(gcore.emulator.lockedUserIds()).toEqual([]);
  });

  test("next run confirms without a change", async () => {
    const changesBefore = count(CHANGE_ROUTE);
    const loginsBefore = count(LOGIN_ROUTE);

    const result = await subject.stack.up({ color: "never" });

    expect(result.summary.result).toBe("succeeded");
    expect(count(CHANGE_ROUTE)).toBe(changesBefore);
    expect(count(LOGIN_ROUTE) - loginsBefore).toBe(1);
    const stored = await resourceOutputs(subject.stack, USER_PASSWORD_TYPE);
    expect(stored?.password === desired).toBe(true);
    expect(stored?.pendingPassword).toBeUndefined();
    expect(stored?.syncStatus).toBe("in sync");
    expect(gcore.emulator.lockedUserIds()).toEqual([]);
  });

  test("destroy after recovery succeeds", async () => {
    const result = await subject.stack.destroy({ color: "never" });

    expect(result.summary.result).toBe("succeeded");
  });
});
