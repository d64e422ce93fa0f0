import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";

import { createLocalStack, type LocalStack } from "../../automation/local-stack";
import type { UserPasswordArgs } from "../../provider";
import { startAccountEmulator, totalRequests, type AccountEmulator } from "../support/account-emulator";
import { plaintextOf } from "../support/canaries";
import { canaryPassword, CHANGE_ROUTE, type TestAccount } from "../support/emulator-fixture";
import { buildPreviousVersion, findCommit, type PreviousBuild } from "../support/previous-build";
import { resourceOutputs, USER_PASSWORD_TYPE } from "../support/stack-state";

/** The earliest commit that builds a whole package (provider, client and emulator). Its state has no `rotationCount`. */
const PREVIOUS_COMMIT = "bccca3f";
const PROJECT = "gcore-rotate-upgrade";
const repoRoot = path.resolve(__dirname, "..", "..");

/** The `UserPassword` class of one version of the package. */
type UserPasswordClass = new (name: string, args: UserPasswordArgs, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

const historyAvailable = findCommit(PREVIOUS_COMMIT) !== undefined;
if (!historyAvailable) {
  console.warn(`Skipping the provider upgrade test: commit ${PREVIOUS_COMMIT} is not in this clone's git history. Run git fetch --unshallow to include it.`);
}

/**
 * State written by the previous version of the package must survive an upgrade: no update, no
 * replacement and no password change from the new code, and refresh, rotation and destroy still work.
 *
 * The stack's project folder has its own node_modules with two links, `@pulumi/pulumi` to this
 * repository's SDK and `gcore-rotate` to the package version under test. The dynamic-provider process
 * loads `gcore-rotate/provider/runtime` from there, so relinking `gcore-rotate` upgrades the provider
 * exactly as `npm install` of a new version would.
 */
(historyAvailable ? describe : describe.skip)("provider upgrade from the earliest build", () => {
  let previous: PreviousBuild;
  let gcore: AccountEmulator;
  let alice: TestAccount;
  let workDir: string;
  let local: LocalStack;
  let userPasswordClass: UserPasswordClass;
  let serializedBefore: string;
  const firstPassword = canaryPassword("upgrade-first");

  const program = async (): Promise<Record<string, pulumi.Output<unknown>>> => {
    const config = new pulumi.Config();
    const user = new userPasswordClass("account-password", {
      userId: config.requireNumber("userId"),
      currentPassword: config.requireSecret("currentPassword"),
      password: config.requireSecret("password"),
    });
    return { id: user.id };
  };

  /** Points the project at a package version, for both the program in this process and the provider process. */
  const usePackage = (packageRoot: string): void => {
    const link = path.join(workDir, "node_modules", "gcore-rotate");
    fs.rmSync(link, { force: true });
    fs.symlinkSync(packageRoot, link, "dir");
    userPasswordClass = require(path.join(packageRoot, "dist", "provider")).UserPassword;
  };

  const changeCalls = (): number => gcore.emulator.requestCounts()[CHANGE_ROUTE];
  const storedOutputs = async (): Promise<Record<string, unknown>> => (await resourceOutputs(local.stack, USER_PASSWORD_TYPE)) ?? {};

  beforeAll(async () => {
    previous = buildPreviousVersion(PREVIOUS_COMMIT);
    gcore = await startAccountEmulator(1);
    [alice] = gcore.accounts;

    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-upgrade-"));
    fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\n`);
    fs.mkdirSync(path.join(workDir, "node_modules", "@pulumi"), { recursive: true });
    fs.symlinkSync(path.join(repoRoot, "node_modules", "@pulumi", "pulumi"), path.join(workDir, "node_modules", "@pulumi", "pulumi"), "dir");
    usePackage(previous.root);

    const stackName = `upgrade-${Date.now().toString(36)}`;
    local = await createLocalStack({ projectName: PROJECT, stackName, program, workDir, passphrase: "test-passphrase" });
    await local.stack.setAllConfig({
      "gcore:baseUrl": { value: gcore.emulator.url },
      "gcore:apiKey": { value: alice.apiKey, secret: true },
      [`${PROJECT}:userId`]: { value: String(alice.userId) },
      [`${PROJECT}:currentPassword`]: { value: alice.startPassword, secret: true },
      [`${PROJECT}:password`]: { value: firstPassword, secret: true },
    });
  }, 10 * 60 * 1000);

  afterAll(async () => {
    await local?.stack.destroy({ color: "never" }).catch(() => undefined);
    await local?.remove();
    if (workDir) {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
    await gcore?.emulator.close();
  });

  test("previous version creates the user", async () => {
    const result = await local.stack.up({ color: "never" });

    expect(result.summary.resourceChanges?.create).toBe(2);
    expect(changeCalls()).toBe(1);
    expect(gcore.emulator.passwordMatches(alice.userId, firstPassword)).toBe(true);
    const outputs = await storedOutputs();
    // The earliest provider stored no rotation counter, so its absence shows the old code wrote this state.
    expect(outputs).not.toHaveProperty("rotationCount");
    serializedBefore = String(plaintextOf(outputs.__provider));
  });

  test("preview after upgrade changes nothing", async () => {
    usePackage(repoRoot);
    const requestsBefore = totalRequests(gcore);

    const preview = await local.stack.preview({ color: "never", diff: true });

    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(preview.changeSummary.replace ?? 0).toBe(0);
    expect(preview.changeSummary.same).toBe(2);
    expect(preview.stdout).not.toContain("__provider");
    expect(totalRequests(gcore)).toBe(requestsBefore);
  });

  test("refresh after upgrade keeps state", async () => {
    const changesBefore = changeCalls();

    const result = await local.stack.refresh({ color: "never" });

    expect(result.summary.result).toBe("succeeded");
    expect(result.summary.resourceChanges?.delete ?? 0).toBe(0);
    expect(changeCalls()).toBe(changesBefore);
    expect(plaintextOf((await storedOutputs()).password) === firstPassword).toBe(true);
  });

  test("refresh after upgrade fills the newer outputs", async () => {
    const outputs = await storedOutputs();

    expect(outputs).toMatchObject({ rotationCount: 1, passwordVersion: 1, rotationReason: "first creation", syncStatus: "in sync" });
  });

  test("up after upgrade changes nothing", async () => {
    const changesBefore = changeCalls();

    const result = await local.stack.up({ color: "never" });

    expect(result.summary.resourceChanges?.update ?? 0).toBe(0);
    expect(result.summary.resourceChanges?.replace ?? 0).toBe(0);
    expect(changeCalls()).toBe(changesBefore);
  });

  test("serialized provider is unchanged", async () => {
    const serializedAfter = String(plaintextOf((await storedOutputs()).__provider));

    expect(serializedAfter).toContain("gcore-rotate/provider/runtime");
    expect(serializedAfter).toBe(serializedBefore);
  });

  test("rotation after upgrade uses the stored password", async () => {
    const rotatedPassword = canaryPassword("upgrade-rotated");
    await local.stack.setConfig(`${PROJECT}:password`, { value: rotatedPassword, secret: true });
    const changesBefore = changeCalls();

    const result = await local.stack.up({ color: "never" });

    expect(result.summary.resourceChanges?.update).toBe(1);
    expect(changeCalls() - changesBefore).toBe(1);
    expect(gcore.emulator.passwordMatches(alice.userId, rotatedPassword)).toBe(true);
    const outputs = await storedOutputs();
    expect(plaintextOf(outputs.password) === rotatedPassword).toBe(true);
    // Only the current provider stores a rotation counter, so it shows the new code made this change.
    expect(outputs).toHaveProperty("rotationCount");
  });

  test("destroy after upgrade calls nothing", async () => {
    const changesBefore = changeCalls();

    const result = await local.stack.destroy({ color: "never" });

    expect(result.summary.resourceChanges?.delete).toBe(2);
    expect(changeCalls()).toBe(changesBefore);
  });
});
