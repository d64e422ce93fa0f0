import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import type { ConfigMap, PulumiFn, Stack } from "@pulumi/pulumi/automation";

import { createLocalStack, type LocalStack } from "../../automation/local-stack";
import { locatePulumiCli, pulumiBinFolder } from "../../automation/pulumi-cli";
import type { TestEmulator } from "../support/emulator-fixture";

const repoRoot = path.resolve(__dirname, "..", "..");

/** The passphrase of every stack in a deployment project's backend. */
export const TEST_PASSPHRASE = "test-passphrase";

/**
 * A Pulumi project folder laid out as a user deploys an example: the example's files, a
 * node_modules with @pulumi/pulumi and gcore-rotate, and the `gcore-rotate-pipeline` command in
 * node_modules/.bin, plus a `file://` backend that contains its stacks.
 */
export interface DeploymentProject {
  /** The project folder. */
  dir: string;
  /** The folder of the `file://` backend. */
  backendDir: string;
  /** The environment a scheduler provides: backend, passphrase and a PATH with node and the Pulumi CLI. */
  env: Record<string, string>;
  /** Creates a stack of the project with the example's program and sets its config. */
  addStack(name: string, program: PulumiFn, config: ConfigMap): Promise<Stack>;
  /** The stacks `addStack` created, by name. */
  stacks: Map<string, Stack>;
  /** Destroys every stack and deletes the folders. */
  dispose(): Promise<void>;
}

/**
 * Builds a deployment project from `examples/<example>`, with extra files copied from elsewhere in
 * `examples/` (such as "scheduled-runs/rotate.sh"), keeping their file modes.
 */
export async function createDeploymentProject(example: string, extraFiles: string[] = []): Promise<DeploymentProject> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gcore-rotate-${example}-`));
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-backend-"));
  for (const file of ["Pulumi.yaml", "index.ts", "package.json"]) {
    fs.copyFileSync(path.join(repoRoot, "examples", example, file), path.join(dir, file));
  }
  for (const file of extraFiles) {
    fs.copyFileSync(path.join(repoRoot, "examples", file), path.join(dir, path.basename(file)));
  }
  installPackages(dir);

  const pulumiBin = pulumiBinFolder(await locatePulumiCli());
  const env = {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PATH: [pulumiBin, path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
  };

  const projectName = /^name:\s*(\S+)/m.exec(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"))?.[1] ?? example;
  const locals: LocalStack[] = [];
  const stacks = new Map<string, Stack>();
  const addStack = async (name: string, program: PulumiFn, config: ConfigMap): Promise<Stack> => {
    const local = await createLocalStack({ projectName, stackName: name, program, workDir: dir, backendDir, passphrase: TEST_PASSPHRASE });
    locals.push(local);
    stacks.set(name, local.stack);
    await local.stack.setAllConfig(config);
    return local.stack;
  };

  const dispose = async (): Promise<void> => {
    for (const local of locals) {
      await local.stack.destroy({ color: "never" }).catch(() => undefined);
      await local.remove();
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(backendDir, { recursive: true, force: true });
  };

  return { dir, backendDir, env, addStack, stacks, dispose };
}

/**
 * Stands in for `npm install`: links the packages the program and the provider load to this
 * repository's copies, and adds the `gcore-rotate-pipeline` command as npm would link the package's
 * `bin` entry.
 */
function installPackages(dir: string): void {
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(path.join(modules, ".bin"), { recursive: true });
  fs.symlinkSync(path.join(repoRoot, "node_modules", "@pulumi"), path.join(modules, "@pulumi"), "dir");
  fs.symlinkSync(repoRoot, path.join(modules, "gcore-rotate"), "dir");

  const bin = require(path.join(repoRoot, "package.json")).bin["gcore-rotate-pipeline"] as string;
  const command = path.join(modules, ".bin", "gcore-rotate-pipeline");
  fs.writeFileSync(command, `#!/bin/sh\nexec node "${path.join(repoRoot, bin)}" "$@"\n`, { mode: 0o755 });
}

/** The current passwords of the staggered-users example's two test accounts. */
export interface AccountPasswords {
  alice: string;
  bob: string;
}

/**
 * Returns the config of the staggered-users example for the emulator's accounts alice and bob, with
 * their start passwords and API tokens. `apiKeyOverrides` replaces an account's token, for failure tests.
 */
export function staggeredAccountsConfig(gcore: TestEmulator, apiKeyOverrides: Partial<AccountPasswords>): ConfigMap {
  const accounts = [
    { name: "alice", userId: gcore.alice.userId },
    { name: "bob", userId: gcore.bob.userId },
  ];
  const currentPasswords = { alice: gcore.alice.startPassword, bob: gcore.bob.startPassword };
  const apiKeys = { alice: gcore.alice.apiKey, bob: gcore.bob.apiKey, ...apiKeyOverrides };

  return {
    "staggered-users:accounts": { value: JSON.stringify(accounts) },
    "staggered-users:currentPasswords": { value: JSON.stringify(currentPasswords), secret: true },
    "staggered-users:apiKeys": { value: JSON.stringify(apiKeys), secret: true },
  };
}

/** Reads alice's and bob's current passwords from the staggered-users stack's outputs. */
export async function accountPasswords(stack: Stack): Promise<AccountPasswords> {
  const outputs = await stack.outputs();
  const passwordOf = (name: string): string => (outputs[name]?.value as { password?: string } | undefined)?.password ?? "missing";
  return { alice: passwordOf("alice"), bob: passwordOf("bob") };
}
