import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { LocalWorkspace, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";

import { isolateEngineConnections } from "./engine-connections";
import { locatePulumiCli, pulumiBinFolder } from "./pulumi-cli";

isolateEngineConnections();

/** Options of a stack whose state lives in a local `file://` backend. */
export interface LocalStackOptions {
  /** The Pulumi project name. */
  projectName: string;
  /** The stack name, unique within the backend. */
  stackName: string;
  /** The program, run in this process through the Automation API. */
  program: PulumiFn;
  /** The project folder; it must contain a node_modules with @pulumi/pulumi and gcore-rotate. */
  workDir: string;
  /** The folder that contains the backend's state. Default: a new temporary folder. */
  backendDir?: string;
  /** The passphrase that encrypts the stack's secrets; default: a random one. */
  passphrase?: string;
  /** Extra environment variables for the Pulumi CLI and the provider process. */
  env?: Record<string, string>;
}

/** A stack in a local backend, with what is needed to clean it up. */
export interface LocalStack {
  stack: Stack;
  backendDir: string;
  passphrase: string;
  /** The environment every CLI call of this stack runs with. */
  env: Record<string, string>;
  /** Removes the stack from the backend and deletes the backend folder if this module created it. */
  remove(): Promise<void>;
}

/**
 * Creates (or selects) a stack in a `file://` backend, driven by the Pulumi CLI that
 * scripts/install-pulumi.sh provisions. Nothing reaches the Pulumi Cloud or the network.
 */
export async function createLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const ownsBackend = options.backendDir === undefined;
  const backendDir = options.backendDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-backend-"));
  const passphrase = options.passphrase ?? `local-${Math.random().toString(36).slice(2)}`;
  const pulumiCommand = await locatePulumiCli();
  const env: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PATH: `${pulumiBinFolder(pulumiCommand)}${path.delimiter}${process.env.PATH ?? ""}`,
    ...options.env,
  };

  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName: options.projectName, stackName: options.stackName, program: options.program },
    { workDir: options.workDir, pulumiCommand, envVars: env },
  );

  const remove = async (): Promise<void> => {
    await stack.workspace.removeStack(options.stackName, { force: true }).catch(() => undefined);
    fs.rmSync(path.join(options.workDir, `Pulumi.${options.stackName}.yaml`), { force: true });
    if (ownsBackend) {
      fs.rmSync(backendDir, { recursive: true, force: true });
    }
  };

  return { stack, backendDir, passphrase, env, remove };
}
