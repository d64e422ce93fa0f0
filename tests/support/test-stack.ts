import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

import type { PulumiFn } from "@pulumi/pulumi/automation";

import { createLocalStack, type LocalStack } from "../../automation/local-stack";

const execFileAsync = promisify(execFile);

/** The project name of every test stack, the namespace of its program's config keys. */
export const TEST_PROJECT = "gcore-rotate-test";
const repoRoot = path.resolve(__dirname, "..", "..");

/** A test stack in its own project folder and `file://` backend, removed by `dispose`. */
export interface TestStack extends LocalStack {
  workDir: string;
  /** Destroys what the stack made, removes the stack and deletes its folders. */
  dispose(): Promise<void>;
}

/**
 * Creates a stack for one test: a temporary project folder whose node_modules points at this
 * repository's (so the provider process finds @pulumi/pulumi and gcore-rotate), a temporary
 * backend, a test passphrase and a unique stack name.
 */
export async function createTestStack(program: PulumiFn, env: Record<string, string> = {}): Promise<TestStack> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-project-"));
  fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), `name: ${TEST_PROJECT}\nruntime: nodejs\n`);
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(workDir, "node_modules"), "dir");

  const stackName = `test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const local = await createLocalStack({ projectName: TEST_PROJECT, stackName, program, workDir, passphrase: "test-passphrase", env });

  const dispose = async (): Promise<void> => {
    await local.stack.destroy({ color: "never" }).catch(() => undefined);
    await local.remove();
    fs.rmSync(workDir, { recursive: true, force: true });
  };

  return { ...local, workDir, dispose };
}

/** Runs the Pulumi CLI on a test stack, as a user would in a shell, and returns its stdout. */
export async function runPulumiCli(subject: TestStack, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(subject.stack.workspace.pulumiCommand.command, [...args, "--stack", subject.stack.name], {
    cwd: subject.workDir,
    env: { ...process.env, ...subject.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** Reads every file of the stack's `file://` backend, where Pulumi writes state and history. */
export function readBackendFiles(subject: TestStack): string {
  const texts: string[] = [];
  for (const entry of fs.readdirSync(subject.backendDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      texts.push(fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8"));
    }
  }
  return texts.join("\n");
}
