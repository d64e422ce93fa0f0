import * as path from "node:path";

import rotateOneUser = require("../../examples/rotate-one-user");
import { NOW_OVERRIDE_VARIABLE } from "../../provider/generated-password/clock-override";
import { CHANGE_ROUTE, canaryPassword, oneAccountConfig, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import { createTestStack, TEST_PROJECT, type TestStack } from "../support/test-stack";
import { runPipelineCli, type PipelineEnv, type PipelineRun } from "./pipeline-process";

const PROJECT = TEST_PROJECT;
const repoRoot = path.resolve(__dirname, "..", "..");
const PROGRAM = path.resolve(repoRoot, "examples", "rotate-one-user", "index.ts");

/**
 * Runs the compiled gcore-rotate-pipeline against a stack of the rotate-one-user example, in a
 * file:// backend, with the emulator standing in for Gcore. Each test continues the stack's history.
 */
describe("gcore-rotate-pipeline on a stack", () => {
  let gcore: TestEmulator;
  let subject: TestStack;
  const printed: string[] = [];
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

  /** Runs the pipeline on the test stack at a given provider time and keeps its output for the leak check. */
  const pipeline = async (command: string, now: string, ...extra: string[]): Promise<PipelineRun> => pipelineWithEnv({}, command, now, ...extra);
  const pipelineWithEnv = async (env: PipelineEnv, command: string, now: string, ...extra: string[]): Promise<PipelineRun> => {
    const run = await runPipelineCli([command, "--stack", subject.stack.name, "--cwd", subject.workDir, "--program", PROGRAM, ...extra], {
      ...subject.env,
      [NOW_OVERRIDE_VARIABLE]: now,
      ...env,
    });
    printed.push(run.stdout, run.stderr);
    return run;
  };
  const changeCalls = (): number => gcore.emulator.requestCounts()[CHANGE_ROUTE] ?? 0;
  const rememberPassword = async (): Promise<string> => {
    const password = (await subject.stack.outputs()).password.value as string;
    secretsSeen.push(password);
    return password;
  };

  test("up creates and exits 0", async () => {
    const run = await pipeline("up", "2026-01-01T00:00:00Z", "--json");

    expect(run.exitCode).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ command: "up", dryRun: false, result: "succeeded", exitCode: 0, errors: [], clockOverride: "2026-01-01T00:00:00Z" });
    expect(report.counts).toEqual({ rotated: 0, created: 2, updated: 0, replaced: 0, deleted: 0, unchanged: 0, failed: 0 });
    expect(changeCalls()).toBe(1);
    await rememberPassword();
  });

  test("json report lists plain fields only", async () => {
    const run = await pipeline("preview", "2026-01-10T00:00:00Z", "--json");

    const report = JSON.parse(run.stdout);
    const generated = report.resources.find((resource: { type: string }) => resource.type === "gcore:GeneratedPassword");
    expect(generated).toEqual({
      urn: expect.stringContaining("::account-generated-password"),
      type: "gcore:GeneratedPassword",
      name: "account-generated-password",
      outcome: "unchanged",
      rotationCount: 1,
      rotatedAt: "2026-01-01T00:00:00.000Z",
      nextRotationAt: "2026-01-31T00:00:00.000Z",
    });
    expect(Object.keys(report).sort()).toEqual(["clockOverride", "command", "counts", "dryRun", "errors", "exitCode", "resources", "result", "stack", "upCommand", "warnings"]);
  });

  test("preview before due exits 0", async () => {
    const before = changeCalls();

    const run = await pipeline("preview", "2026-01-30T23:59:59.999Z", "--json");

    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ result: "no-changes", counts: { unchanged: 2, rotated: 0 } });
    expect(changeCalls()).toBe(before);
  });

  test("preview when due exits 3", async () => {
    const before = changeCalls();

    const run = await pipeline("preview", "2026-01-31T00:00:00Z", "--json");

    expect(run.exitCode).toBe(3);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ dryRun: true, result: "changes-pending", exitCode: 3, counts: { rotated: 2, unchanged: 0 } });
    const reasons = report.resources.map((resource: { name: string; reason?: string }) => [resource.name, resource.reason]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ["account-generated-password", "rotation period elapsed"],
        ["account-password", "password input depends on a resource that is changing"],
      ]),
    );
    expect(changeCalls()).toBe(before);
  });

  test("preview progress goes to stderr with json", async () => {
    const run = await pipeline("preview", "2026-01-31T00:00:00Z", "--json");

    expect(run.stderr).toMatch(/^to rotate +gcore:GeneratedPassword {2}account-generated-password {2}\(rotation period elapsed, next rotation 2026-03-02T00:00:00.000Z\)$/m);
    expect(run.stderr).toContain("warning: GCORE_ROTATE_NOW is set");
  });

  test("up when due rotates once", async () => {
    const before = changeCalls();
    const oldPassword = await rememberPassword();

    const run = await pipeline("up", "2026-01-31T09:00:00Z");

    expect(run.exitCode).toBe(0);
    expect(changeCalls()).toBe(before + 1);
    expect(run.stdout).toMatch(/^rotated +gcore:GeneratedPassword {2}account-generated-password {2}\(rotation period elapsed, next rotation 2026-03-02T00:00:00.000Z\)$/m);
    expect(run.stdout).toMatch(/^rotated +gcore:UserPassword {2}account-password/m);
    expect(run.stdout).toContain(`Up of stack ${subject.stack.name}: 2 rotated, 0 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged, 0 failed.`);
    expect(run.stdout).toContain("Exit 0: the update finished.");
    const newPassword = await rememberPassword();
    expect(newPassword).not.toBe(oldPassword);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, newPassword)).toBe(true);
  });

  test("text preview names the exit code", async () => {
    const run = await pipeline("preview", "2026-03-02T00:00:00Z");

    expect(run.exitCode).toBe(3);
    expect(run.stdout).toContain(`Preview of stack ${subject.stack.name}: 2 to rotate, 0 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged, 0 failed.`);
    const hint = /^Exit 3: changes are pending\. Run gcore-rotate-pipeline up --stack (\S+) --cwd (\S+) --program (\S+) to apply them\.$/m.exec(run.stdout);
    expect(hint?.slice(1)).toEqual([subject.stack.name, expect.any(String), expect.any(String)]);
    // The pipeline ran from the repository root, so the hint's folders resolve from there.
    expect(path.resolve(repoRoot, hint![2])).toBe(path.resolve(subject.workDir));
    expect(path.resolve(repoRoot, hint![2], hint![3])).toBe(PROGRAM);
  });

  test("failed rotation exits 1", async () => {
    const badKey = `${gcore.alice.userId}_${"f".repeat(40)}`;
    secretsSeen.push(badKey);
    await subject.stack.setConfig("gcore:apiKey", { value: badKey, secret: true });
    const passwordBefore = await rememberPassword();

    const run = await pipeline("up", "2026-03-02T00:00:00Z", "--json");

    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ result: "failed", exitCode: 1, counts: { failed: 1 } });
    expect(report.errors.length).toBeGreaterThan(0);
    expect(report.errors.join("\n")).toContain("account-password");
    expect(report.warnings).toEqual([
      "The outputs of the failed resources (account-password) are not usable until the next successful up. " +
        "The stack outputs password, rotatedAt, rotationCount, userId read as Pulumi's placeholder for unknown values, 04da6b54-80e4-46f7-96ec-b56ff0331ba9.",
    ]);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, passwordBefore)).toBe(true);
  });

  test("rerun after the fix exits 0", async () => {
    await subject.stack.setConfig("gcore:apiKey", { value: gcore.alice.apiKey, secret: true });
    const before = changeCalls();

    const run = await pipeline("up", "2026-03-02T01:00:00Z", "--json");

    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).counts).toMatchObject({ rotated: 1, unchanged: 1 });
    expect(JSON.parse(run.stdout).warnings).toEqual([]);
    expect(changeCalls()).toBe(before + 1);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, await rememberPassword())).toBe(true);
  });

  test("unknown stack exits 2", async () => {
    const run = await runPipelineCli(["preview", "--stack", "no-such-stack", "--cwd", subject.workDir, "--program", PROGRAM], subject.env);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("Stack no-such-stack was not found in the current backend.");
  });

  test("invalid stack name exits 2", async () => {
    const run = await runPipelineCli(["preview", "--stack", "acme/prod", "--cwd", subject.workDir, "--program", PROGRAM], subject.env);

    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([
      "error: --stack \"acme/prod\" is invalid: organization name must be 'organization'. Pass the stack name as pulumi stack ls shows it, for example --stack prod.",
    ]);
  });

  test("wrong passphrase exits 2", async () => {
    const wrongPassphrase = canaryPassword("passphrase");
    secretsSeen.push(wrongPassphrase);

    const run = await pipelineWithEnv({ PULUMI_CONFIG_PASSPHRASE: wrongPassphrase }, "preview", "2026-03-02T01:00:00Z", "--json");

    expect(run.exitCode).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ result: "usage-error", exitCode: 2 });
    expect(run.stderr).toContain(
      `error: The passphrase in PULUMI_CONFIG_PASSPHRASE is wrong for stack ${subject.stack.name}, because the Pulumi CLI cannot decrypt the stack's secrets with it. Set the passphrase that the stack was created with.\n`,
    );
  });

  test("missing passphrase exits 2", async () => {
    const run = await pipelineWithEnv({ PULUMI_CONFIG_PASSPHRASE: undefined, PULUMI_CONFIG_PASSPHRASE_FILE: undefined }, "preview", "2026-03-02T01:00:00Z");

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      `error: The passphrase of stack ${subject.stack.name} is missing. Set PULUMI_CONFIG_PASSPHRASE, or PULUMI_CONFIG_PASSPHRASE_FILE to a file that contains it.\n`,
    );
    expect(run.stderr).not.toContain("err?:");
  });

  test("schedule change shows no old reason", async () => {
    await subject.stack.setConfig(`${PROJECT}:rotateAfter`, { value: "7d" });

    const run = await pipeline("up", "2026-03-02T02:00:00Z", "--json");

    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/^updated +gcore:GeneratedPassword {2}account-generated-password {2}\(next rotation [0-9T:.-]+Z\)$/m);
    const report = JSON.parse(run.stdout);
    expect(report.counts).toMatchObject({ updated: 1, unchanged: 1, rotated: 0 });
    expect(report.resources.filter((resource: { reason?: string }) => resource.reason !== undefined)).toEqual([]);
  });

  test("rejected inputs count as failed", async () => {
    await subject.stack.setConfig(`${PROJECT}:rotateAfter`, { value: "bogus" });

    const run = await pipeline("preview", "2026-03-02T02:00:00Z", "--json");
    await subject.stack.removeConfig(`${PROJECT}:rotateAfter`);

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^failed +gcore:GeneratedPassword {2}account-generated-password$/m);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ result: "failed", exitCode: 1, counts: { failed: 1 } });
    expect(report.resources).toContainEqual(expect.objectContaining({ name: "account-generated-password", outcome: "failed" }));
    expect(report.errors.join("\n")).toContain('rotateAfter \"bogus\" is invalid.');
  });

  test("no output contains a secret", () => {
    const everything = printed.join("\n");

    expect(printed.length).toBeGreaterThan(10);
    expect(secretsSeen.length).toBeGreaterThan(4);
    expect(secretsSeen.filter((secret) => everything.includes(secret)).map((secret) => `${secret.slice(0, 8)}...`)).toEqual([]);
  });
});
