import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

import { createLocalStack } from "../automation/local-stack";
import { UserPassword, type UserPasswordArgs } from "../provider";
import { newPassword, type BenchAccount } from "./accounts";
import type { EmulatorProcess, RequestCounts } from "./emulator-process";
import { NoopPassword } from "./noop/resource";
import { createProjectFolder } from "./project-folder";
import { PhaseSampler, type ProcessUsage } from "./engine-processes";

/** The resource type of a benchmark stack: the real `UserPassword`, or the no-op of floor B. */
export type StackKind = "user-password" | "noop";

/** One timed Pulumi operation. */
export interface OperationResult {
  seconds: number;
  /** Emulator requests the operation caused, by route; undefined for the no-op stack, which has no emulator. */
  requests?: RequestCounts;
  /** TCP connections that carried those requests; fewer than the requests when keep-alive reuses them. */
  connections?: number;
  /** CPU time, provider memory and provider process count; see `PhaseSampler` for what counts. */
  usage: ProcessUsage;
}

/** The cost of one stack of N resources, from creation to a preview with nothing to change. */
export interface EngineScenarioResult {
  /** `pulumi up` that creates the N resources. */
  create: OperationResult;
  /** `pulumi up` that changes every resource's `password`. */
  rotate: OperationResult;
  /** `pulumi preview` with nothing to change. */
  preview: OperationResult;
  /** Size of the stack's checkpoint file after the rotation, in bytes. */
  checkpointBytes: number;
  /** Length of one resource's serialized provider (`__provider`), in characters. */
  providerChars: number;
}

/** Settings of one engine scenario. */
export interface EngineScenarioOptions {
  /** The emulator that the `UserPassword` stack sends requests to. Required for that kind. */
  emulator?: EmulatorProcess;
  /** The engine's `--parallel`; undefined leaves the CLI default, 4 times the CPU count. */
  parallel?: number;
  /** Extra environment variables for the Pulumi CLI, such as `PULUMI_SKIP_CHECKPOINTS=true`; default: none. */
  engineEnv?: Record<string, string>;
  /** A folder to copy the checkpoint file into, as `<kind>-<N>.json`; default: none is kept. */
  keepCheckpointDir?: string;
}

const PROJECT_NAME = "gcore-rotate-bench";

/**
 * Runs `pulumi up` (create), `pulumi up` (rotate every password) and `pulumi preview` on a new stack
 * with one resource per account, through the Automation API with an inline program, a temporary
 * `file://` backend and a temporary project folder. The stack is not destroyed: deleting either
 * resource makes no API call, so the benchmark removes the folders instead.
 */
export async function runEngineScenario(kind: StackKind, accounts: BenchAccount[], options: EngineScenarioOptions = {}): Promise<EngineScenarioResult> {
  const currentPasswords = accounts.map((account) => account.password);
  let passwords = accounts.map(() => newPassword());
  const program = async (): Promise<void> => {
    accounts.forEach((account, index) => {
      const args: UserPasswordArgs = { userId: account.userId, apiKey: account.apiKey, currentPassword: currentPasswords[index], password: passwords[index] };
      new (kind === "user-password" ? UserPassword : NoopPassword)(`user-${account.userId}`, args);
    });
  };

  const workDir = createProjectFolder(PROJECT_NAME);
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-bench-backend-"));
  const stackName = `bench-${kind}-${accounts.length}`;
  const engine = { color: "never" as const, ...(options.parallel === undefined ? {} : { parallel: options.parallel }) };
  const emulator = kind === "user-password" ? requireEmulator(options.emulator) : undefined;
  const sampler = new PhaseSampler(workDir, [process.pid, ...(options.emulator === undefined ? [] : [options.emulator.pid])]);

  try {
    const local = await createLocalStack({ projectName: PROJECT_NAME, stackName, program, workDir, backendDir, passphrase: "bench-passphrase", env: options.engineEnv });
    if (emulator !== undefined) {
      await local.stack.setConfig("gcore:baseUrl", { value: emulator.url });
    }
    const expectedSame = accounts.length + 1;

    const create = await measure(sampler, emulator, async () => {
      const result = await local.stack.up(engine);
      expectCount("create", result.summary.resourceChanges?.create, expectedSame);
    });
    applyPasswords(kind, accounts, passwords);

    passwords = accounts.map(() => newPassword());
    const rotate = await measure(sampler, emulator, async () => {
      const result = await local.stack.up(engine);
      expectCount("update", result.summary.resourceChanges?.update, accounts.length);
    });
    applyPasswords(kind, accounts, passwords);

    const preview = await measure(sampler, emulator, async () => {
      const result = await local.stack.preview(engine);
      expectCount("same", result.changeSummary.same, expectedSame);
    });

    const checkpointFile = path.join(backendDir, ".pulumi", "stacks", PROJECT_NAME, `${stackName}.json`);
    if (options.keepCheckpointDir !== undefined) {
      fs.mkdirSync(options.keepCheckpointDir, { recursive: true });
      fs.copyFileSync(checkpointFile, path.join(options.keepCheckpointDir, `${kind}-${accounts.length}.json`));
    }
    return { create, rotate, preview, checkpointBytes: fs.statSync(checkpointFile).size, providerChars: readProviderChars(checkpointFile) };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.rmSync(backendDir, { recursive: true, force: true });
  }
}

async function measure(sampler: PhaseSampler, emulator: EmulatorProcess | undefined, operation: () => Promise<void>): Promise<OperationResult> {
  await emulator?.resetRequestCounts();
  sampler.start();
  const started = performance.now();

  let seconds: number;
  let usage: ProcessUsage;
  try {
    await operation();
    seconds = (performance.now() - started) / 1000;
  } finally {
    usage = sampler.stop();
  }

  return { seconds, usage, ...(emulator === undefined ? {} : { requests: await emulator.requestCounts(), connections: await emulator.connectionCount() }) };
}

/** Records the passwords the emulator now holds, after a `UserPassword` operation changed them. */
function applyPasswords(kind: StackKind, accounts: BenchAccount[], passwords: string[]): void {
  if (kind === "user-password") {
    accounts.forEach((account, index) => {
      account.password = passwords[index];
    });
  }
}

function expectCount(changeKind: string, actual: number | undefined, expected: number): void {
  if (actual !== expected) {
    throw new Error(`The engine reported ${actual ?? 0} resources as "${changeKind}", expected ${expected}. Run the stack by hand to see why.`);
  }
}

function requireEmulator(emulator: EmulatorProcess | undefined): EmulatorProcess {
  if (emulator === undefined) {
    throw new Error("A UserPassword scenario needs an emulator: pass options.emulator.");
  }
  return emulator;
}

/** Reads the length of the first dynamic resource's `__provider` from a checkpoint file. */
function readProviderChars(checkpointFile: string): number {
  const checkpoint = JSON.parse(fs.readFileSync(checkpointFile, "utf8")) as { checkpoint?: { latest?: { resources?: Array<{ inputs?: Record<string, unknown> }> } } };
  const resources = checkpoint.checkpoint?.latest?.resources ?? [];
  const provider = resources.map((resource) => resource.inputs?.__provider).find((value) => typeof value === "string");
  if (typeof provider !== "string") {
    throw new Error(`No resource in ${checkpointFile} has a __provider input.`);
  }
  return provider.length;
}
