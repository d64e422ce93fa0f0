import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import rotateStaggered = require("../../examples/staggered-users");
import { NOW_OVERRIDE_VARIABLE } from "../../provider/generated-password/clock-override";
import { CHANGE_ROUTE, startTestEmulator, type TestAccount, type TestEmulator } from "../support/emulator-fixture";
import { createDeploymentProject, TEST_PASSPHRASE, type DeploymentProject } from "./deployment-project";

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
 * folder with two stacks, prod-alice and prod-bob, whose anchors lie 15 days apart. The provider's
 * clock moves from day to day through GCORE_ROTATE_NOW.
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

    await addAccountStack("prod-alice", gcore.alice, "2026-01-01T03:00:00Z");
    await addAccountStack("prod-bob", gcore.bob, "2026-01-16T03:00:00Z");
  });

  afterAll(async () => {
    await project?.dispose();
    await gcore?.emulator.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  async function addAccountStack(name: string, account: TestAccount, rotationAnchor: string): Promise<void> {
    await project.addStack(name, rotateStaggered, {
      "gcore:baseUrl": { value: gcore.emulator.url },
      "gcore:apiKey": { value: account.apiKey, secret: true },
      "staggered-users:userId": { value: String(account.userId) },
      "staggered-users:currentPassword": { value: account.startPassword, secret: true },
      "staggered-users:rotationAnchor": { value: rotationAnchor },
    });
  }

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
  const logsIn = (account: TestAccount, password: string): boolean => gcore.emulator.passwordMatches(account.userId, password);
  const passwordsNow = (): { alice: string; bob: string } => ({ alice: findPassword(gcore.alice), bob: findPassword(gcore.bob) });
  const knownPasswords: string[] = [];
  /** Returns which known password the account has now; the test learns passwords from stack outputs. */
  function findPassword(account: TestAccount): string {
    return knownPasswords.find((password) => logsIn(account, password)) ?? "unknown";
  }
  async function learnPasswords(): Promise<void> {
    for (const stack of project.stacks.values()) {
      const password = (await stack.outputs()).password?.value as string | undefined;
      if (password && !knownPasswords.includes(password)) {
        knownPasswords.push(password);
        secretsSeen.push(password);
      }
    }
  }

  test("crontab runs one job daily", () => {
    expect(crontab.jobs).toHaveLength(1);
    expect(crontab.jobs[0].schedule).toEqual(["17", "3", "*", "*", "*"]);
    expect(crontab.jobs[0].command).toContain(`${INSTALL_DIR}/rotate.sh prod-alice prod-bob`);
  });

  test("crontab sets backend and passphrase file", () => {
    expect(Object.keys(crontab.variables)).toEqual(
      expect.arrayContaining(["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE_FILE", "GCORE_ROTATE_PROJECT_DIR", "SHELL", "PATH"]),
    );
    expect(crontab.variables).not.toHaveProperty("PULUMI_CONFIG_PASSPHRASE");
  });

  test("first run creates both accounts", async () => {
    const { exitCode, log } = await runJob("2026-01-01T03:17:00Z");

    expect(log).toContain("stack prod-alice: changes are pending, running up");
    expect(log).toContain("stack prod-bob: changes are pending, running up");
    expect(exitCode).toBe(0);
    expect(changeCalls()).toBe(2);
    await learnPasswords();
    expect(findPassword(gcore.alice)).not.toBe("unknown");
    expect(findPassword(gcore.bob)).not.toBe("unknown");
  });

  test("next day changes nothing", async () => {
    const before = changeCalls();

    const { exitCode, log } = await runJob("2026-01-02T03:17:00Z");

    expect(exitCode).toBe(0);
    expect(changeCalls()).toBe(before);
    expect(log.match(/Exit 0: nothing to change\./g)).toHaveLength(2);
    expect(log).not.toContain("running up");
  });

  test("day 16 rotates only bob", async () => {
    const before = { calls: changeCalls(), ...passwordsNow() };

    const { exitCode, log } = await runJob("2026-01-16T03:17:00Z");

    expect(exitCode).toBe(0);
    expect(changeCalls()).toBe(before.calls + 1);
    expect(log).toContain("stack prod-bob: changes are pending, running up");
    expect(log).not.toContain("stack prod-alice: changes are pending");
    await learnPasswords();
    expect(passwordsNow().alice).toBe(before.alice);
    expect(passwordsNow().bob).not.toBe(before.bob);
    expect(passwordsNow().bob).not.toBe("unknown");
  });

  test("day 31 rotates only alice", async () => {
    const before = { calls: changeCalls(), ...passwordsNow() };

    const { exitCode } = await runJob("2026-01-31T03:17:00Z");

    expect(exitCode).toBe(0);
    expect(changeCalls()).toBe(before.calls + 1);
    await learnPasswords();
    expect(passwordsNow().alice).not.toBe(before.alice);
    expect(passwordsNow().alice).not.toBe("unknown");
    expect(passwordsNow().bob).toBe(before.bob);
  });

  test("failed stack exits 1, other stack runs", async () => {
    const bob = project.stacks.get("prod-bob")!;
    await bob.setConfig("gcore:apiKey", { value: `${gcore.bob.userId}_${"e".repeat(40)}`, secret: true });
    const before = passwordsNow();

    const { exitCode, log } = await runJob("2026-02-15T03:17:00Z");

    expect(exitCode).toBe(1);
    expect(log).toContain("stack prod-bob: failed with exit code 1");
    expect(log).toContain("stack prod-alice: preview");
    expect(passwordsNow()).toEqual(before);
    await bob.setConfig("gcore:apiKey", { value: gcore.bob.apiKey, secret: true });
  });

  test("next day retries and succeeds", async () => {
    const before = { calls: changeCalls(), ...passwordsNow() };

    const { exitCode } = await runJob("2026-02-16T03:17:00Z");

    expect(exitCode).toBe(0);
    expect(changeCalls()).toBe(before.calls + 1);
    await learnPasswords();
    expect(passwordsNow().bob).not.toBe(before.bob);
    expect(passwordsNow().alice).toBe(before.alice);
  });

  test("unknown stack exits 2", async () => {
    const env = { ...process.env, ...project.env, GCORE_ROTATE_PROJECT_DIR: project.dir };

    const exitCode = await new Promise<number>((resolve) => {
      execFile(path.join(project.dir, "rotate.sh"), ["prod-nobody"], { env }, (error) => resolve(error ? Number(error.code) : 0));
    });

    expect(exitCode).toBe(2);
  });

  test("log contains no secret", async () => {
    const { log } = await runJob("2026-02-17T03:17:00Z");

    expect(log.length).toBeGreaterThan(0);
    expect(secretsSeen.filter((secret) => log.includes(secret)).map((secret) => `${secret.slice(0, 8)}...`)).toEqual([]);
  });
});
