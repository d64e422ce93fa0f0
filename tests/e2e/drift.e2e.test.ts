import { GcoreIamClient } from "../../sdk";
import { CHANGE_ROUTE, canaryPassword, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import { configuredUserPassword } from "../support/programs";
import { resourceOutputs, USER_PASSWORD_TYPE } from "../support/stack-state";
import { createTestStack, type TestStack } from "../support/test-stack";

const PROJECT = "gcore-rotate-test";
const LOGIN_ROUTE = "POST /iam/auth/jwt/login";

describe("drift, recovery and adoption", () => {
  let gcore: TestEmulator;

  beforeAll(async () => {
    gcore = await startTestEmulator();
    gcore.emulator.setLockout({ maxFailedAttempts: 3 });
  });

  afterAll(async () => {
    await gcore?.emulator.close();
  });

  const count = (route: string): number => gcore.emulator.requestCounts()[route] ?? 0;
  const client = (): GcoreIamClient => new GcoreIamClient({ baseUrl: gcore.emulator.url, apiKey: gcore.alice.apiKey });

  describe("a stack whose password changes outside Pulumi", () => {
    let subject: TestStack;
    const managed = canaryPassword("drift-managed");
    const outside = canaryPassword("drift-outside");
    const desired = canaryPassword("drift-desired");

    beforeAll(async () => {
      subject = await createTestStack(configuredUserPassword);
      await subject.stack.setAllConfig({
        "gcore:baseUrl": { value: gcore.emulator.url },
        "gcore:apiKey": { value: gcore.alice.apiKey, secret: true },
        "gcore:verifyOnRefresh": { value: "true" },
        [`${PROJECT}:userId`]: { value: String(gcore.alice.userId) },
        [`${PROJECT}:currentPassword`]: { value: gcore.alice.startPassword, secret: true },
        [`${PROJECT}:password`]: { value: managed, secret: true },
      });
      await subject.stack.up({ color: "never" });
    });

    afterAll(async () => {
      await subject?.dispose();
    });

    test("refresh without drift changes nothing", async () => {
      const loginsBefore = count(LOGIN_ROUTE);

      const refresh = await subject.stack.refresh({ color: "never" });
      const preview = await subject.stack.preview({ color: "never" });

      expect(refresh.summary.resourceChanges?.update ?? 0).toBe(0);
      expect(count(LOGIN_ROUTE) - loginsBefore).toBe(1);
      expect(preview.changeSummary.update ?? 0).toBe(0);
      expect(preview.changeSummary.same).toBe(2);
      expect((await resourceOutputs(subject.stack, USER_PASSWORD_TYPE))?.syncStatus).toBe("in sync");
    });

    test("refresh reports drift once", async () => {
      await client().changePassword(gcore.alice.userId, { oldPassword: managed, newPassword: outside });
      const loginsBefore = count(LOGIN_ROUTE);

      await subject.stack.refresh({ color: "never" });
      const afterFirst = count(LOGIN_ROUTE);
      await subject.stack.refresh({ color: "never" });

      expect(afterFirst - loginsBefore).toBe(1);
      expect(count(LOGIN_ROUTE)).toBe(afterFirst);
      expect(String((await resourceOutputs(subject.stack, USER_PASSWORD_TYPE))?.syncStatus)).toMatch(/^out of sync: the stored password no longer logs in/);
      expect(gcore.emulator.lockedUserIds()).toEqual([]);
    });

    test("drift leaves the preview empty", async () => {
      const preview = await subject.stack.preview({ color: "never" });

      expect(preview.changeSummary.update ?? 0).toBe(0);
    });

    test("up refuses a change after drift", async () => {
      await subject.stack.setConfig(`${PROJECT}:password`, { value: desired, secret: true });
      const changesBefore = count(CHANGE_ROUTE);

      const failure = await subject.stack.up({ color: "never" }).then(() => "", (error: unknown) => String(error));

      expect(failure).toContain("Refusing to change the password of Gcore user 42");
      expect(failure).toContain("Set currentPassword to the password the account has now");
      expect(count(CHANGE_ROUTE)).toBe(changesBefore);
      expect(gcore.emulator.passwordMatches(gcore.alice.userId, outside)).toBe(true);
    });

    test("declared currentPassword recovers", async () => {
      await subject.stack.setConfig(`${PROJECT}:currentPassword`, { value: outside, secret: true });
      const changesBefore = count(CHANGE_ROUTE);

      const result = await subject.stack.up({ color: "never" });

      expect(result.summary.resourceChanges?.update).toBe(1);
      expect(count(CHANGE_ROUTE) - changesBefore).toBe(1);
      expect(gcore.emulator.passwordMatches(gcore.alice.userId, desired)).toBe(true);
      expect((await resourceOutputs(subject.stack, USER_PASSWORD_TYPE))?.syncStatus).toBe("in sync");
      const preview = await subject.stack.preview({ color: "never" });
      expect(preview.changeSummary.update ?? 0).toBe(0);
    });
  });

  describe("adopting an existing account", () => {
    let subject: TestStack;

    beforeAll(async () => {
      subject = await createTestStack(configuredUserPassword);
    });

    afterAll(async () => {
      await subject?.dispose();
    });

    test("adopt confirms without changing", async () => {
      await subject.stack.setAllConfig({
        "gcore:baseUrl": { value: gcore.emulator.url },
        "gcore:apiKey": { value: gcore.bob.apiKey, secret: true },
        [`${PROJECT}:userId`]: { value: String(gcore.bob.userId) },
        [`${PROJECT}:adopt`]: { value: "true" },
        [`${PROJECT}:currentPassword`]: { value: gcore.bob.startPassword, secret: true },
        [`${PROJECT}:password`]: { value: gcore.bob.startPassword, secret: true },
      });
      const changesBefore = count(CHANGE_ROUTE);

      const result = await subject.stack.up({ color: "never" });

      expect(result.summary.resourceChanges?.create).toBe(2);
      expect(count(CHANGE_ROUTE)).toBe(changesBefore);
      expect((await subject.stack.outputs()).rotationReason.value).toBe("account adopted");
      expect(gcore.emulator.passwordMatches(gcore.bob.userId, gcore.bob.startPassword)).toBe(true);
    });

    test("rotate after adoption", async () => {
      const next = canaryPassword("adopted-next");
      await subject.stack.setConfig(`${PROJECT}:password`, { value: next, secret: true });

      const result = await subject.stack.up({ color: "never" });

      expect(result.summary.resourceChanges?.update).toBe(1);
      expect(gcore.emulator.passwordMatches(gcore.bob.userId, next)).toBe(true);
      expect((await subject.stack.outputs()).rotationReason.value).toBe("password input changed");
    });
  });
});
