import rotateOneUser = require("../../index");
import type { RouteFault } from "../../emulator";
import { canaryPassword, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import { resourceOutputs, USER_PASSWORD_TYPE } from "../support/stack-state";
import { createTestStack, type TestStack } from "../support/test-stack";

const PROJECT = "gcore-rotate-test";
/** Rotations per run; raise it with FAULT_SUITE_ROTATIONS for a longer soak. */
const ROTATIONS = Number(process.env.FAULT_SUITE_ROTATIONS ?? 12);
/** The seed of the fault choice; a failing run prints it, and FAULT_SUITE_SEED replays it. */
const SEED = Number(process.env.FAULT_SUITE_SEED ?? Date.now() % 1_000_000);
/** The provider's request timeout in this suite, so a slow answer becomes a timeout quickly. */
const TIMEOUT_MS = 1000;
/** Failed attempts (wrong passwords) after which the emulator locks a user; the protocol must never reach it. */
const LOCKOUT_AFTER = 3;

/** A fault scenario: route faults set before the run, and how long a late change can take to land. */
interface Scenario {
  name: string;
  faults: Array<[string, RouteFault]>;
  settleMs: number;
}

const SCENARIOS: Scenario[] = [
  { name: "no fault", faults: [], settleMs: 0 },
  { name: "latency beyond the timeout", faults: [["change-password", { latencyMs: TIMEOUT_MS + 1500 }]], settleMs: 2000 },
  { name: "drop after commit", faults: [["change-password", { dropAfterCommitNext: 1 }]], settleMs: 0 },
  { name: "500 on change", faults: [["change-password", { failNext: { count: 1, status: 500 } }]], settleMs: 0 },
  { name: "503 on change and login", faults: [["change-password", { failNext: { count: 1, status: 503 } }], ["login", { failNext: { count: 5, status: 503 } }]], settleMs: 0 },
  { name: "429 burst on change", faults: [["change-password", { rateLimitNext: { count: 2, retryAfterSeconds: 1 } }]], settleMs: 0 },
  { name: "drop after commit then 429 on login", faults: [["change-password", { dropAfterCommitNext: 1 }], ["login", { rateLimitNext: { count: 1, retryAfterSeconds: 1 } }]], settleMs: 0 },
];

/** A small deterministic generator (mulberry32), so a seed replays the same fault order. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("rotation under faults", () => {
  let gcore: TestEmulator;
  let subject: TestStack;
  const secrets: string[] = [];
  const engineOutput: string[] = [];
  const tally = { rotations: 0, firstRunFailures: 0, passwordsLost: 0, lockouts: 0, secretsLeaked: 0 };

  beforeAll(async () => {
    gcore = await startTestEmulator();
    gcore.emulator.setLockout({ maxFailedAttempts: LOCKOUT_AFTER });
    subject = await createTestStack(rotateOneUser);
    secrets.push(gcore.alice.startPassword, gcore.alice.apiKey);
    const first = canaryPassword("fault-start");
    secrets.push(first);
    await subject.stack.setAllConfig({
      "gcore:baseUrl": { value: gcore.emulator.url },
      "gcore:apiKey": { value: gcore.alice.apiKey, secret: true },
      "gcore:requestTimeoutMs": { value: String(TIMEOUT_MS) },
      [`${PROJECT}:userId`]: { value: String(gcore.alice.userId) },
      [`${PROJECT}:currentPassword`]: { value: gcore.alice.startPassword, secret: true },
      [`${PROJECT}:password`]: { value: first, secret: true },
    });
    await subject.stack.up({ color: "never", onOutput: (text) => engineOutput.push(text) });
  });

  afterAll(async () => {
    console.log(
      `fault suite (seed ${SEED}): ${tally.rotations} faulted rotations, ${tally.firstRunFailures} needed a second run, ` +
        `${tally.passwordsLost} passwords lost, ${tally.lockouts} lockouts, ${tally.secretsLeaked} secrets leaked`,
    );
    await subject?.dispose();
    await gcore?.emulator.close();
  });

  test("every faulted rotation converges", async () => {
    const random = randomFrom(SEED);

    for (let index = 0; index < ROTATIONS; index += 1) {
      const scenario = SCENARIOS[Math.floor(random() * SCENARIOS.length)];
      const desired = canaryPassword(`fault${index}`);
      secrets.push(desired);
      await subject.stack.setConfig(`${PROJECT}:password`, { value: desired, secret: true });
      for (const [route, fault] of scenario.faults) {
        gcore.emulator.faults.set(route as never, fault);
      }

      const firstRun = await subject.stack.up({ color: "never", onOutput: (text) => engineOutput.push(text) }).then(
        () => "succeeded",
        (error: unknown) => {
          engineOutput.push(String(error));
          return "failed";
        },
      );
      gcore.emulator.faults.clear();
      await new Promise((resolve) => setTimeout(resolve, scenario.settleMs));
      if (firstRun === "failed") {
        tally.firstRunFailures += 1;
        await subject.stack.up({ color: "never", onOutput: (text) => engineOutput.push(text) });
      }
      tally.rotations += 1;

      const stored = await resourceOutputs(subject.stack, USER_PASSWORD_TYPE);
      const storedPassword = String(stored?.password);
      const accountHasStored = gcore.emulator.passwordMatches(gcore.alice.userId, storedPassword);
      if (!accountHasStored) {
        tally.passwordsLost += 1;
      }
      tally.lockouts = gcore.emulator.lockedUserIds().length;

      expect({ scenario: scenario.name, seed: SEED, accountHasStored }).toEqual({ scenario: scenario.name, seed: SEED, accountHasStored: true });
      expect(storedPassword === desired).toBe(true);
      expect(gcore.emulator.lockedUserIds()).toEqual([]);
    }
  });

  test("engine output never shows a secret", () => {
    const text = engineOutput.join("\n");
    const leaked = secrets.filter((secret) => text.includes(secret));
    tally.secretsLeaked = leaked.length;

    expect(leaked.map((secret) => `${secret.slice(0, 12)}...`)).toEqual([]);
  });
});
