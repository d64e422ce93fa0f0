import * as fs from "node:fs";
import * as path from "node:path";

import rotateOneUser = require("../../examples/rotate-one-user");
import { NOW_OVERRIDE_VARIABLE } from "../../provider/generated-password/clock-override";
import { oneAccountConfig, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import { waitFor } from "../support/processes";
import { createTestStack, runPulumiCli, TEST_PROJECT, type TestStack } from "../support/test-stack";
import { runPipelineCli, startPipelineCli, type StartedPipeline } from "./pipeline-process";

const PROJECT = TEST_PROJECT;
const PROGRAM = path.resolve(__dirname, "..", "..", "examples", "rotate-one-user", "index.ts");
const USER_ROUTE = "GET /iam/users/{userId}";

/** Returns the files under the backend's lock folder, where the engine keeps a lock while it updates a stack. */
function lockFiles(backendDir: string): string[] {
  const locks = path.join(backendDir, ".pulumi", "locks");
  if (!fs.existsSync(locks)) {
    return [];
  }
  return fs
    .readdirSync(locks, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

/** Returns the ids of running processes that use this backend: a Pulumi CLI or one of its plugins. */
function processesOfBackend(backendDir: string): number[] {
  const marker = `PULUMI_BACKEND_URL=file://${backendDir}\0`;
  const ids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) {
      continue;
    }
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, "utf8").includes(marker)) {
        ids.push(Number(entry));
      }
    } catch {
      // The process has exited.
    }
  }
  return ids;
}

/**
 * Sends SIGTERM to a pipeline `up` while its change call waits in the emulator, and checks what is left
 * afterwards. The run must cancel the Pulumi CLI, so that the stack lock goes and no plugin stays.
 */
describe("gcore-rotate-pipeline stopped by a signal", () => {
  let gcore: TestEmulator;
  let subject: TestStack;

  beforeAll(async () => {
    gcore = await startTestEmulator();
    subject = await createTestStack(rotateOneUser);
    await subject.stack.setAllConfig({
      ...oneAccountConfig(gcore, PROJECT),
    });
    const created = await runPipelineCli(["up", "--stack", subject.stack.name, "--cwd", subject.workDir, "--program", PROGRAM], env("2026-01-01T00:00:00Z"));
    expect(created.exitCode).toBe(0);
  });

  afterEach(() => {
    gcore.emulator.faults.clear();
  });

  afterAll(async () => {
    await subject?.dispose();
    await gcore?.emulator.close();
  });

  function env(now: string): Record<string, string> {
    return { ...subject.env, [NOW_OVERRIDE_VARIABLE]: now };
  }

  /**
   * Starts an `up` at a time when a rotation is due, waits until its change call is held in the
   * emulator for `latencyMs`, and sends SIGTERM. The emulator counts a request when it responds, so the
   * user lookup that precedes the change call marks the moment.
   */
  async function terminateDuringChange(now: string, latencyMs: number, ...extra: string[]): Promise<StartedPipeline> {
    gcore.emulator.faults.set("change-password", { latencyMs });
    const lookupsBefore = gcore.emulator.requestCounts()[USER_ROUTE];

    const pipeline = startPipelineCli(["up", "--stack", subject.stack.name, "--cwd", subject.workDir, "--program", PROGRAM, ...extra], env(now));
    await waitFor(() => gcore.emulator.requestCounts()[USER_ROUTE] > lookupsBefore, 60_000, "the user lookup before the change call");
    await new Promise((resolve) => setTimeout(resolve, 500));
    pipeline.child.kill("SIGTERM");
    return pipeline;
  }

  test("SIGTERM cancels and releases the lock", async () => {
    const pipeline = await terminateDuringChange("2026-01-31T00:00:00Z", 4000);

    expect(await pipeline.exited).toEqual({ exitCode: 143, signal: null });
    expect(pipeline.stderr()).toContain("gcore-rotate-pipeline: received SIGTERM. Cancelling the up. The Pulumi CLI finishes");
    // The CLI cancels by finishing the step in progress, so the held change still lands in state.
    expect(pipeline.stdout()).toMatch(/^rotated +gcore:UserPassword {2}account-password/m);
    expect(pipeline.stdout()).toContain("Exit 143: SIGTERM stopped the up before it finished. Run it again.");
    expect(lockFiles(subject.backendDir)).toEqual([]);
    await waitFor(() => processesOfBackend(subject.backendDir).length === 0, 5000, "the Pulumi CLI and its plugins to exit");

    gcore.emulator.faults.clear();
    const next = await runPipelineCli(["up", "--stack", subject.stack.name, "--cwd", subject.workDir, "--program", PROGRAM, "--json"], env("2026-01-31T00:00:00Z"));

    expect(next.exitCode).toBe(0);
    expect(JSON.parse(next.stdout).counts).toMatchObject({ unchanged: 2, failed: 0 });
    const password = (await subject.stack.outputs()).password.value as string;
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, password)).toBe(true);
  });

  test("cancel timeout kills the CLI and plugins", async () => {
    const pipeline = await terminateDuringChange("2026-03-02T00:00:00Z", 20_000, "--cancel-timeout", "1", "--json");

    expect(await pipeline.exited).toEqual({ exitCode: 143, signal: null });
    const report = JSON.parse(pipeline.stdout());
    expect(report).toMatchObject({ result: "interrupted", exitCode: 143, interruptedBy: "SIGTERM" });
    expect(report.warnings).toEqual([expect.stringContaining("The Pulumi CLI did not stop within 1 s, so it and the processes it started")]);
    expect(report.warnings[0]).toContain(`run pulumi cancel --stack ${subject.stack.name} --yes`);
    await waitFor(() => processesOfBackend(subject.backendDir).length === 0, 5000, "the killed processes to go");

    // The killed CLI could not release its lock, as the warning states.
    await runPulumiCli(subject, ["cancel", "--yes"]);
    expect(lockFiles(subject.backendDir)).toEqual([]);
  });
});
