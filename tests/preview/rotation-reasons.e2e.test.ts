import rotateOneUser = require("../../index");
import { startAccountEmulator, totalRequests, type AccountEmulator } from "../support/account-emulator";
import { Canaries } from "../support/canaries";
import { canaryPassword, type TestAccount } from "../support/emulator-fixture";
import { createTestStack, type TestStack } from "../support/test-stack";

const PROJECT = "gcore-rotate-test";

/** Builds a pattern for a plain property line of `pulumi preview --diff`, such as `rotationReason: "first creation"`. */
function propertyLine(name: string, value: string): RegExp {
  return new RegExp(`\\b${name}\\s*:\\s*${escapeRegExp(value)}`);
}

/** Builds a pattern for a changed property line of `pulumi preview --diff`, such as `~ passwordVersion: 1 => 2`. */
function changeLine(name: string, before: string, after: string): RegExp {
  return new RegExp(`~ ${name}\\s*:\\s*${escapeRegExp(before)} => ${escapeRegExp(after)}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("preview --diff explains each rotation", () => {
  let gcore: AccountEmulator;
  let subject: TestStack;
  let alice: TestAccount;
  let bob: TestAccount;
  const canaries = new Canaries();
  let rotatedPassword: string;

  beforeAll(async () => {
    gcore = await startAccountEmulator(2);
    [alice, bob] = gcore.accounts;
    subject = await createTestStack(rotateOneUser);
    canaries.add("current password", alice.startPassword);
    canaries.add("API key", alice.apiKey);
    rotatedPassword = canaries.add("rotated password", canaryPassword("rotated"));

    await subject.stack.setAllConfig({
      "gcore:baseUrl": { value: gcore.emulator.url },
      "gcore:apiKey": { value: alice.apiKey, secret: true },
      [`${PROJECT}:userId`]: { value: String(alice.userId) },
      [`${PROJECT}:currentPassword`]: { value: alice.startPassword, secret: true },
      [`${PROJECT}:password`]: { value: canaries.add("first password", canaryPassword("first")), secret: true },
    });
  });

  afterAll(async () => {
    await subject?.dispose();
    await gcore?.emulator.close();
  });

  /** Runs `pulumi preview --diff`, checks that it sent no request and leaked nothing, and returns its output. */
  const previewDiff = async (): Promise<{ output: string; update: number; create: number; replace: number }> => {
    const requestsBefore = totalRequests(gcore);

    const result = await subject.stack.preview({ color: "never", diff: true });

    expect(totalRequests(gcore)).toBe(requestsBefore);
    expect(canaries.foundIn(result.stdout)).toEqual([]);
    const summary = result.changeSummary;
    return { output: result.stdout, update: summary.update ?? 0, create: summary.create ?? 0, replace: summary.replace ?? 0 };
  };

  test("first creation", async () => {
    const preview = await previewDiff();

    expect(preview.create).toBe(2);
    expect(preview.output).toMatch(propertyLine("rotationReason", '"first creation"'));
    expect(preview.output).toMatch(propertyLine("passwordVersion", "1"));
    expect(preview.output).toMatch(/password\s*:\s*\[secret\]/);

    await subject.stack.up({ color: "never" });
  });

  test("password input changed", async () => {
    await subject.stack.setConfig(`${PROJECT}:password`, { value: rotatedPassword, secret: true });

    const preview = await previewDiff();

    expect(preview.update).toBe(1);
    expect(preview.output).toMatch(changeLine("rotationReason", '"first creation"', '"password input changed"'));
    expect(preview.output).toMatch(changeLine("passwordVersion", "1", "2"));
    // The display masks both values of a secret, so without the two plain inputs nothing would show the change.
    expect(preview.output).toMatch(propertyLine("password", "[secret]"));

    await subject.stack.up({ color: "never" });
  });

  test("current password declared", async () => {
    // Declaring the password the account has now, as after a change made outside the stack.
    await subject.stack.setConfig(`${PROJECT}:currentPassword`, { value: rotatedPassword, secret: true });
    try {
      const preview = await previewDiff();

      expect(preview.update).toBe(1);
      expect(preview.output).toMatch(changeLine("rotationReason", '"password input changed"', '"current password declared"'));
      expect(preview.output).not.toMatch(/~ passwordVersion/);
    } finally {
      await subject.stack.setConfig(`${PROJECT}:currentPassword`, { value: alice.startPassword, secret: true });
    }
  });

  describe("user changed", () => {
    let preview: Awaited<ReturnType<typeof previewDiff>>;

    beforeAll(async () => {
      await subject.stack.setConfig(`${PROJECT}:userId`, { value: String(bob.userId) });
      try {
        preview = await previewDiff();
      } finally {
        await subject.stack.setConfig(`${PROJECT}:userId`, { value: String(alice.userId) });
      }
    });

    test("replacement shows the new user", () => {
      expect(preview.replace).toBe(1);
      expect(preview.output).toMatch(/\+-pulumi-nodejs:dynamic\/gcore:UserPassword: \(replace\)/);
      expect(preview.output).toMatch(changeLine("userId", String(alice.userId), String(bob.userId)));
      expect(preview.output).toMatch(changeLine("passwordVersion", "2", "1"));
    });

    // For a replacement the engine calls `check` a second time without the old inputs and shows that
    // result, so the replacement reads as a first creation; the `+-` on userId shows the cause.
    test("replacement shows a first creation", () => {
      expect(preview.output).toMatch(changeLine("rotationReason", '"password input changed"', '"first creation"'));
    });
  });

  test("unchanged stack shows no reason", async () => {
    const preview = await previewDiff();

    expect(preview.update + preview.create + preview.replace).toBe(0);
    expect(preview.output).not.toMatch(/rotationReason/);
  });
});
