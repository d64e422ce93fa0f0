import rotateOneUser = require("../../index");
import { CHANGE_ROUTE, canaryPassword, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import { findProcesses, waitFor } from "../support/processes";
import { resourceOutputs, USER_PASSWORD_TYPE } from "../support/stack-state";
import { createTestStack, runPulumiCli, type TestStack } from "../support/test-stack";

const PROJECT = "gcore-rotate-test";
/** How long the emulator holds the change call, long enough to kill the engine while it waits. */
const CHANGE_LATENCY_MS = 3000;
const USER_ROUTE = "GET /iam/users/{userId}";

describe("crash in the middle of an update", () => {
  let gcore: TestEmulator;
  let subject: TestStack;

  beforeAll(async () => {
    gcore = await startTestEmulator();
    gcore.emulator.setLockout({ maxFailedAttempts: 3 });
    subject = await createTestStack(rotateOneUser);
  });

  afterAll(async () => {
    await subject?.dispose();
    await gcore?.emulator.close();
  });

  test("pulumi killed after the change converges", async () => {
    const firstPassword = canaryPassword("crash-first");
    const desired = canaryPassword("crash-desired");
    await subject.stack.setAllConfig({
      "gcore:baseUrl": { value: gcore.emulator.url },
      "gcore:apiKey": { value: gcore.alice.apiKey, secret: true },
      [`${PROJECT}:userId`]: { value: String(gcore.alice.userId) },
      [`${PROJECT}:currentPassword`]: { value: gcore.alice.startPassword, secret: true },
      [`${PROJECT}:password`]: { value: firstPassword, secret: true },
    });
    await subject.stack.up({ color: "never" });

    // The desired password lives in stack config, outside the state the crash interrupts.
    await subject.stack.setConfig(`${PROJECT}:password`, { value: desired, secret: true });
    gcore.emulator.faults.set("change-password", { latencyMs: CHANGE_LATENCY_MS });
    // The emulator counts a request when it answers, so the user lookup that precedes the change call
    // marks the moment; the change call then waits in the emulator for CHANGE_LATENCY_MS.
    const lookupsBefore = gcore.emulator.requestCounts()[USER_ROUTE];
    const interrupted = subject.stack.up({ color: "never" }).then(
      () => "finished",
      () => "killed",
    );
    await waitFor(() => gcore.emulator.requestCounts()[USER_ROUTE] > lookupsBefore, 30_000, "the user lookup before the change call");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const engines = findProcesses("pulumi", ["up", subject.stack.name]);
    expect(engines.length).toBeGreaterThan(0);
    for (const id of engines) {
      process.kill(id, "SIGKILL");
    }

    expect(await interrupted).toBe("killed");
    await waitFor(() => gcore.emulator.passwordMatches(gcore.alice.userId, desired), CHANGE_LATENCY_MS + 5000, "the held change to apply");
    gcore.emulator.faults.clear();
    expect((await resourceOutputs(subject.stack, USER_PASSWORD_TYPE))?.password === firstPassword).toBe(true);

    // The killed engine left its lock; the engine's own message names `pulumi cancel` as the way out.
    await runPulumiCli(subject, ["cancel", "--yes"]);
    const changesBeforeRecovery = gcore.emulator.requestCounts()[CHANGE_ROUTE];
    const recovery = await subject.stack.up({ color: "never" });

    expect(recovery.summary.result).toBe("succeeded");
    expect((await resourceOutputs(subject.stack, USER_PASSWORD_TYPE))?.password === desired).toBe(true);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, desired)).toBe(true);
    expect(gcore.emulator.requestCounts()[CHANGE_ROUTE] - changesBeforeRecovery).toBe(1);
    expect(gcore.emulator.lockedUserIds()).toEqual([]);
  });
});
