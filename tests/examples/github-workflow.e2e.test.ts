import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import rotateStaggered = require("../../examples/staggered-users");
import { pinnedPulumiVersion } from "../../automation/pulumi-cli";
import { NOW_OVERRIDE_VARIABLE } from "../../provider/generated-password/clock-override";
import { CHANGE_ROUTE, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import { accountPasswords, createDeploymentProject, staggeredAccountsConfig, TEST_PASSPHRASE, type AccountPasswords, type DeploymentProject } from "./deployment-project";

// js-yaml is a dependency of @pulumi/pulumi, which reads Pulumi.yaml files with it.
const { load: parseYaml } = require("js-yaml") as { load(text: string): unknown };

const WORKFLOW = path.resolve(__dirname, "..", "..", "examples", "scheduled-runs", "github-actions", "rotate-passwords.yml");

interface WorkflowStep {
  name?: string;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
  env?: Record<string, string>;
  "working-directory"?: string;
}

interface Workflow {
  on: { schedule: Array<{ cron: string }>; workflow_dispatch?: unknown };
  env: Record<string, string>;
  jobs: Record<
    string,
    {
      strategy: { "fail-fast": boolean; matrix: { stack: string[] } };
      concurrency: { group: string; "cancel-in-progress": boolean };
      env: Record<string, string>;
      steps: WorkflowStep[];
    }
  >;
}

/** Values of the `${{ ... }}` expressions the workflow uses, by expression. */
type ExpressionValues = Record<string, string>;

/**
 * Replaces each `${{ name }}` with its value. An expression without a value fails the test, so the
 * workflow cannot use more than this runner understands.
 */
function expand(text: string, values: ExpressionValues): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_match, expression: string) => {
    if (!(expression in values)) {
      throw new Error(`The test runner has no value for the workflow expression \${{ ${expression} }}.`);
    }
    return values[expression];
  });
}

/**
 * Runs the rotation step of the GitHub Actions example as a runner would: bash with `-eo pipefail`,
 * in the step's working directory, with the workflow, job and step environment. Setup steps
 * (checkout, Node.js, the Pulumi CLI, npm ci) are replaced by a deployment project of the
 * staggered-users example whose stack prod rotates alice (anchor Jan 1) and bob (anchor Jan 16).
 */
describe("GitHub Actions workflow of scheduled-runs", () => {
  const workflow = parseYaml(fs.readFileSync(WORKFLOW, "utf8")) as Workflow;
  const job = workflow.jobs.rotate;
  const rotateStep = job.steps.find((step) => step.run?.includes("gcore-rotate-pipeline"));
  let gcore: TestEmulator;
  let project: DeploymentProject;
  let scratch: string;
  const printed: string[] = [];
  const secretsSeen: string[] = [];

  beforeAll(async () => {
    gcore = await startTestEmulator();
    project = await createDeploymentProject("staggered-users");
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-runner-"));
    secretsSeen.push(gcore.alice.startPassword, gcore.alice.apiKey, gcore.bob.startPassword, gcore.bob.apiKey);

    await project.addStack("prod", rotateStaggered, {
      "gcore:baseUrl": { value: gcore.emulator.url },
      ...staggeredAccountsConfig(gcore, {}),
    });
  });

  afterAll(async () => {
    await project?.dispose();
    await gcore?.emulator.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** Runs the rotation step for one matrix stack at a given provider time and returns its exit code. */
  function runRotateStep(stack: string, now: string): Promise<number> {
    const values: ExpressionValues = {
      "secrets.PULUMI_BACKEND_URL": project.env.PULUMI_BACKEND_URL,
      "secrets.PULUMI_CONFIG_PASSPHRASE": TEST_PASSPHRASE,
      "matrix.stack": stack,
      "env.PROJECT_DIR": project.dir,
    };
    const expandAll = (variables: Record<string, string> = {}): Record<string, string> =>
      Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, expand(String(value), values)]));
    const env = {
      ...process.env,
      ...expandAll(workflow.env),
      PROJECT_DIR: project.dir,
      ...expandAll(job.env),
      ...expandAll(rotateStep!.env),
      PATH: project.env.PATH,
      RUNNER_TEMP: scratch,
      [NOW_OVERRIDE_VARIABLE]: now,
    };
    const script = path.join(scratch, "step.sh");
    fs.writeFileSync(script, expand(rotateStep!.run!, values));
    const cwd = expand(rotateStep!["working-directory"] ?? ".", values);

    return new Promise((resolve) => {
      execFile("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd, env }, (error, stdout, stderr) => {
        printed.push(stdout, stderr);
        resolve(error ? Number(error.code) : 0);
      });
    });
  }

  const changeCalls = (): number => gcore.emulator.requestCounts()[CHANGE_ROUTE] ?? 0;
  const passwords = async (): Promise<AccountPasswords> => {
    const current = await accountPasswords(project.stacks.get("prod")!);
    secretsSeen.push(current.alice, current.bob);
    return current;
  };

  test("runs daily and on demand", () => {
    expect(workflow.on.schedule).toEqual([{ cron: "17 3 * * *" }]);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
  });

  test("one run per stack at a time", () => {
    expect(job.concurrency).toEqual({ group: "gcore-rotate-${{ matrix.stack }}", "cancel-in-progress": false });
    expect(job.strategy["fail-fast"]).toBe(false);
    expect(job.strategy.matrix.stack).toEqual(["prod"]);
  });

  test("installs the pinned Pulumi CLI", () => {
    const install = job.steps.find((step) => step.uses?.startsWith("pulumi/actions@"));

    expect(install?.with).toEqual({ "pulumi-version": pinnedPulumiVersion() });
  });

  test("passphrase comes from a secret", () => {
    expect(job.env.PULUMI_CONFIG_PASSPHRASE).toBe("${{ secrets.PULUMI_CONFIG_PASSPHRASE }}");
  });

  test("first run creates both accounts", async () => {
    expect(await runRotateStep("prod", "2026-01-01T03:17:00Z")).toBe(0);

    expect(changeCalls()).toBe(2);
    const current = await passwords();
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, current.alice)).toBe(true);
    expect(gcore.emulator.passwordMatches(gcore.bob.userId, current.bob)).toBe(true);
  });

  test("run before due changes nothing", async () => {
    const before = changeCalls();

    expect(await runRotateStep("prod", "2026-01-15T03:17:00Z")).toBe(0);

    expect(changeCalls()).toBe(before);
  });

  test("due account rotates once", async () => {
    const before = { calls: changeCalls(), ...(await passwords()) };

    expect(await runRotateStep("prod", "2026-01-16T03:17:00Z")).toBe(0);

    expect(changeCalls()).toBe(before.calls + 1);
    const after = await passwords();
    expect(after.alice).toBe(before.alice);
    expect(after.bob).not.toBe(before.bob);
    expect(gcore.emulator.passwordMatches(gcore.bob.userId, after.bob)).toBe(true);
  });

  test("failed rotation fails the step", async () => {
    const stack = project.stacks.get("prod")!;
    await stack.setAllConfig(staggeredAccountsConfig(gcore, { alice: `${gcore.alice.userId}_${"d".repeat(40)}` }));

    const exitCode = await runRotateStep("prod", "2026-01-31T03:17:00Z");

    expect(exitCode).toBe(1);
    await stack.setAllConfig(staggeredAccountsConfig(gcore, {}));
  });

  test("step output contains no secret", () => {
    const everything = printed.join("\n");

    expect(everything).toContain("gcore-rotate-pipeline: preview of stack prod");
    expect(secretsSeen.filter((secret) => everything.includes(secret)).map((secret) => `${secret.slice(0, 8)}...`)).toEqual([]);
  });
});
