import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import rotateStaggered = require("../../examples/staggered-users");
import { NOW_OVERRIDE_VARIABLE } from "../../provider/generated-password/clock-override";
import { CHANGE_ROUTE, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import { accountPasswords, createDeploymentProject, staggeredAccountsConfig, TEST_PASSPHRASE, type AccountPasswords, type DeploymentProject } from "./deployment-project";

const CRONTAB = path.resolve(__dirname, "..", "..", "examples", "scheduled-runs", "crontab");
/** The install folder the crontab's paths assume. */
const INSTALL_DIR = "/srv/gcore-rotation";

/** A crontab split into its variable assignments and its job lines. */
interface Crontab {
  variables: Record<string, string>;
  jobs: Array<{ schedule: string[]; command: string }>;
}

/** Parses a user crontab: comments and blank lines are skipped, `NAME=value` lines set variables, the rest are jobs. */
function parseCrontab(text: string): Crontab {
  const crontab: Crontab = { variables: {}, jobs: [] };
  for (const line of text.split("\n").map((entry) => entry.trim())) {
    if (line === "" || line.startsWith("#")) {
      continue;
    }
    const variable = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (variable) {
      crontab.variables[variable[1]] = variable[2];
      continue;
    }
    const fields = line.split(/\s+/);
    crontab.jobs.push({ schedule: fields.slice(0, 5), command: fields.slice(5).join(" ") });
  }
  return crontab;
}

/**
 * Runs the crontab's job as cron would, for the staggered-users example deployed in a temporary
 * folder with one stack, prod, that rotates alice (anchor Jan 1) and bob (anchor Jan 16) every 30
 * days. The provider's clock moves from day to day through GCORE_ROTATE_NOW.
 */
describe("cron entry of scheduled-runs", () => {
  const crontab = parseCrontab(fs.readFileSync(CRONTAB, "utf8"));
  let gcore: TestEmulator;
  let project: DeploymentProject;
  let home: string;
  const secretsSeen: string[] = [];

  beforeAll(async () => {
    gcore = await startTestEmulator();
    project = await createDeploymentProject("staggered-users", ["scheduled-runs/rotate.sh"]);
    home = fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-cron-home-"));
    fs.writeFileSync(path.join(home, "passphrase"), TEST_PASSPHRASE, { mode: 0o600 });
    secretsSeen.push(gcore.alice.startPassword, gcore.alice.apiKey, gcore.bob.startPassword, gcore.bob.apiKey);

    await project.addStack("prod", rotateStaggered, {
      "gcore:baseUrl": { value: gcore.emulator.url },
      ...staggeredAccountsConfig(gcore, {}),
    });
  });

  afterAll(async () => {
    await project?.dispose();
    await gcore?.emulator.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  /**
   * Runs the job's command with bash, as cron does with SHELL=/bin/bash, at a given provider time.
   * The crontab's variables apply, except those that point at the install: the backend, the
   * passphrase file, the project folder and PATH, which must find node and the Pulumi CLI.
   */
  function runJob(now: string): Promise<{ exitCode: number; log: string }> {
    const logFile = path.join(home, "gcore-rotation.log");
    fs.rmSync(logFile, { force: true });
    const command = crontab.jobs[0].command.split(INSTALL_DIR).join(project.dir);
    const env = {
      ...crontab.variables,
      PULUMI_BACKEND_URL: project.env.PULUMI_BACKEND_URL,
      PULUMI_CONFIG_PASSPHRASE_FILE: path.join(home, "passphrase"),
      GCORE_ROTATE_PROJECT_DIR: project.dir,
      PATH: project.env.PATH,
      HOME: home,
      PULUMI_HOME: process.env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi"),
      [NOW_OVERRIDE_VARIABLE]: now,
    };

    return new Promise((resolve) => {
      execFile(crontab.variables.SHELL ?? "/bin/sh", ["-c", command], { env }, (error) => {
        const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
        resolve({ exitCode: error ? Number(error.code) : 0, log });
      });
    });
  }

  const changeCalls = (): number => gcore.emulator.requestCounts()[CHANGE_ROUTE] ?? 0;
  const passwords = async (): Promise<AccountPasswords> => {
    const current = await accountPasswords(project.stacks.get("prod")!);
    secretsSeen.push(current.alice, current.bob);
    return current;
  };

  test("crontab runs one job daily", () => {
    expect(crontab.jobs).toHaveLength(1);
    expect(crontab.jobs[0].schedule).toEqual(["17", "3", "*", "*", "*"]);
    expect(crontab.jobs[0].command).toContain(`${INSTALL_DIR}/rotate.sh prod >>`);
  });

  test("crontab sets backend and passphrase file", () => {
    expect(Object.keys(crontab.variables)).toEqual(
      expect.arrayContaining(["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE_FILE", "GCORE_ROTATE_PROJECT_DIR", "SHELL", "PATH"]),
    );
    expect(crontab.variables).not.toHaveProperty("PULUMI_CONFIG_PASSPHRASE");
  });

  test("first run creates both accounts", async () => {
    const { exitCode, log } = await runJob("2026-01-01T03:17:00Z");

    expect(log).toContain("stack prod: changes are pending, running up");
    expect(exitCode).toBe(0);
    expect(changeCalls()).toBe(2);
    const current = await passwords();
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, current.alice)).toBe(true);
    expect(gcore.emulator.passwordMatches(gcore.bob.userId, current.bob)).toBe(true);
  });

  test("next day changes nothing", async () => {
    const before = changeCalls();

    const { exitCode, log } = await runJob("2026-01-02T03:17:00Z");

    expect(exitCode).toBe(0);
    expect(changeCalls()).toBe(before);
    expect(log).toContain("Exit 0: nothing to change.");
    expect(log).not.toContain("running up");
  });

  test("day 16 rotates only bob", async () => {
    const before = { calls: changeCalls(), ...(await passwords()) };

    const { exitCode, log } = await runJob("2026-01-16T03:17:00Z");

    expect(exitCode).toBe(0);
    expect(changeCalls()).toBe(before.calls + 1);
    expect(log).toMatch(/^rotated +gcore:UserPassword {2}bob-password/m);
    expect(log).toMatch(/^unchanged +gcore:UserPassword {2}alice-password/m);
    const after = await passwords();
    expect(after.alice).toBe(before.alice);
    expect(after.bob).not.toBe(before.bob);
    expect(gcore.emulator.passwordMatches(gcore.bob.userId, after.bob)).toBe(true);
  });

  test("day 31 rotates only alice", async () => {
    const before = { calls: changeCalls(), ...(await passwords()) };

    const { exitCode } = await runJob("2026-01-31T03:17:00Z");

    expect(exitCode).toBe(0);
    expect(changeCalls()).toBe(before.calls + 1);
    const after = await passwords();
    expect(after.alice).not.toBe(before.alice);
    expect(after.bob).toBe(before.bob);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, after.alice)).toBe(true);
  });

  test("failed account exits 1, other rotates", async () => {
    const stack = project.stacks.get("prod")!;
    await stack.setAllConfig(staggeredAccountsConfig(gcore, { bob: `${gcore.bob.userId}_${"e".repeat(40)}` }));
    const before = await passwords();

    // Both accounts are due: alice since Mar 2, bob since Mar 17 03:00.
    const { exitCode, log } = await runJob("2026-03-17T03:17:00Z");

    expect(exitCode).toBe(1);
    expect(log).toContain("stack prod: failed with exit code 1");
    expect(log).toMatch(/^failed +gcore:UserPassword {2}bob-password/m);
    expect(log).toMatch(/^rotated +gcore:UserPassword {2}alice-password/m);
    const after = await passwords();
    expect(after.alice).not.toBe(before.alice);
    expect(gcore.emulator.passwordMatches(gcore.alice.userId, after.alice)).toBe(true);
    expect(gcore.emulator.passwordMatches(gcore.bob.userId, before.bob)).toBe(true);
  });

  test("next day retries and succeeds", async () => {
    await project.stacks.get("prod")!.setAllConfig(staggeredAccountsConfig(gcore, {}));
    const before = await passwords();

    const { exitCode } = await runJob("2026-03-18T03:17:00Z");

    expect(exitCode).toBe(0);
    const after = await passwords();
    expect(after.alice).toBe(before.alice);
    expect(gcore.emulator.passwordMatches(gcore.bob.userId, after.bob)).toBe(true);
    expect(gcore.emulator.passwordMatches(gcore.bob.userId, before.bob)).toBe(false);
  });

  test("unknown stack exits 2", async () => {
    const env = { ...process.env, ...project.env, GCORE_ROTATE_PROJECT_DIR: project.dir };

    const exitCode = await new Promise<number>((resolve) => {
      execFile(path.join(project.dir, "rotate.sh"), ["staging"], { env }, (error) => resolve(error ? Number(error.code) : 0));
    });

    expect(exitCode).toBe(2);
  });

  test("log contains no secret", async () => {
    const { log } = await runJob("2026-03-19T03:17:00Z");

    expect(log.length).toBeGreaterThan(0);
    expect(secretsSeen.filter((secret) => log.includes(secret)).map((secret) => `${secret.slice(0, 8)}...`)).toEqual([]);
  });
});
