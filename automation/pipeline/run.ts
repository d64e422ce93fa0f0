import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

import { CommandError, LocalWorkspace, Stack, StackNotFoundError, type EngineEvent, type PulumiCommand } from "@pulumi/pulumi/automation";

import { NOW_OVERRIDE_VARIABLE } from "../../provider/generated-password/clock-override";
import { isolateEngineConnections } from "../engine-connections";
import { locatePulumiCli } from "../pulumi-cli";
import { PipelineUsageError, type PipelineOptions } from "./arguments";
import { receivedStopSignal, watchCancelTimeout, type StopSignals } from "./interruption";
import { failedOutcomeFromDiagnostic, outcomeFromEvent, type ResourceOutcome } from "./outcomes";
import { loadProgram } from "./program-module";
import { countOutcomes, decideResult, formatProgressLine, type PipelineReport } from "./report";
import { describePassphraseError, describeStackSelectError } from "./setup-errors";
import { buildRedactor, describeUnusableOutputs } from "./stack-values";

isolateEngineConnections();

/** The receiver of progress lines while the engine runs. */
export interface PipelineProgress {
  /** Receives one line per resource as soon as the engine finishes it. */
  line(text: string): void;
}

/** Inputs of a pipeline run besides the command line. */
export interface PipelineRunSettings {
  /** The environment of the Pulumi CLI. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The signals of `listenForStopSignals`, which stop the run. Default: none, so nothing stops it. */
  stopSignals?: StopSignals;
}

/**
 * Runs `preview` or `up` on a stack through the Automation API and reports every resource's outcome.
 * Throws `PipelineUsageError` when the stack, the project or the program cannot be found, or the
 * stack's passphrase is missing or wrong. A failed engine run does not throw: it returns a report
 * with result "failed". A stop signal cancels the run, and the report then has result "interrupted".
 */
export async function runPipeline(options: PipelineOptions, progress: PipelineProgress, settings: PipelineRunSettings = {}): Promise<PipelineReport> {
  const env = settings.env ?? process.env;
  const stack = await openStack(options, env);
  const dryRun = options.command === "preview";
  const resources = new Map<string, ResourceOutcome>();
  const rawErrors: string[] = [];
  const warnings: string[] = [];

  const onEvent = (event: EngineEvent): void => {
    const outcome = outcomeFromEvent(event) ?? failedOutcomeFromDiagnostic(event);
    const previous = outcome && resources.get(outcome.urn);
    // A failed step comes after the error diagnostic that already marked its resource failed, with the rotation details.
    if (outcome?.outcome === "failed" && previous?.outcome === "failed") {
      resources.set(outcome.urn, { ...previous, ...outcome });
    }
    // A replacement takes several steps, so print a line only when a resource gets a new outcome.
    if (outcome && previous?.outcome !== outcome.outcome) {
      resources.set(outcome.urn, outcome);
      progress.line(formatProgressLine(outcome, dryRun));
    }
    const diagnostic = event.diagnosticEvent;
    if (diagnostic?.severity === "error") {
      rawErrors.push(describeDiagnostic(diagnostic.message, diagnostic.urn));
    }
  };
  let killedCli = false;
  const onCancelTimeout = (killed: number): void => {
    killedCli = true;
    const line = `The Pulumi CLI did not stop within ${options.cancelTimeoutSeconds} s, so it and the processes it started (${killed} in all) were killed.`;
    progress.line(line);
    warnings.push(
      `${line} The stack may stay locked, so check that no other update of stack ${options.stack} runs, then run pulumi cancel --stack ${options.stack} --yes.`,
    );
  };

  let failed = false;
  let engineChanges: Record<string, number> = {};
  const stopWatch = watchCancelTimeout(settings.stopSignals?.stopped, options.cancelTimeoutSeconds, onCancelTimeout);
  try {
    engineChanges = await runOperation(stack, dryRun, onEvent, settings.stopSignals);
  } catch (error) {
    const passphraseError = describePassphraseError(error, options.stack, env);
    if (passphraseError) {
      throw new PipelineUsageError(passphraseError);
    }
    failed = true;
    // The warning about the killed CLI explains its failure better than the CLI's last output.
    if (rawErrors.length === 0 && !killedCli) {
      rawErrors.push(describeCommandFailure(error));
    }
  } finally {
    stopWatch();
  }
  // A signal after the operation ended changed nothing, so it does not make the run interrupted.
  const interruptedBy = receivedStopSignal(settings.stopSignals?.stopped);

  const outputs = await stack.outputs().catch(() => ({}));
  const redact = buildRedactor(await stack.getAllConfig().catch(() => ({})), outputs);
  const outcomes = [...resources.values()];
  if (!dryRun) {
    warnings.unshift(...describeUnusableOutputs(outcomes, outputs));
  }
  const clockOverride = env[NOW_OVERRIDE_VARIABLE] || undefined;
  return {
    command: options.command,
    stack: options.stack,
    dryRun,
    ...decideResult(options.command, failed || outcomes.some((resource) => resource.outcome === "failed"), engineChanges, interruptedBy),
    counts: countOutcomes(outcomes),
    resources: outcomes,
    errors: [...new Set(rawErrors.map(redact))],
    warnings: warnings.map(redact),
    ...(interruptedBy === undefined ? {} : { interruptedBy }),
    ...(clockOverride === undefined ? {} : { clockOverride }),
    upCommand: upCommandFor(options),
  };
}

/** Builds the `up` command line for the same stack, project folder and program, relative to the current folder. */
export function upCommandFor(options: Pick<PipelineOptions, "stack" | "cwd" | "program">, from: string = process.cwd()): string {
  const quote = (value: string): string => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`);
  const parts = ["gcore-rotate-pipeline", "up", "--stack", quote(options.stack)];
  const cwd = path.relative(from, options.cwd);
  if (cwd !== "") {
    parts.push("--cwd", quote(cwd));
  }
  if (options.program !== undefined) {
    parts.push("--program", quote(path.relative(options.cwd, options.program)));
  }
  return parts.join(" ");
}

/**
 * Runs the preview or the update and returns the engine's change counts. The Automation API turns
 * an abort of `forwardToCli` into one SIGINT to the Pulumi CLI, which then cancels. It finishes the
 * resource steps in progress, starts no new ones and releases the stack lock before it exits.
 */
async function runOperation(stack: Stack, dryRun: boolean, onEvent: (event: EngineEvent) => void, stopSignals: StopSignals | undefined): Promise<Record<string, number>> {
  // The Automation API listens for the abort only while the CLI runs, so a signal that came earlier skips the run.
  if (stopSignals?.stopped.aborted) {
    return {};
  }
  const signal = stopSignals?.forwardToCli;
  if (dryRun) {
    return (await stack.preview({ onEvent, color: "never", signal })).changeSummary;
  }
  // One account's failed change must not hold back the due rotations of the others in the stack.
  return (await stack.up({ onEvent, color: "never", continueOnError: true, signal })).summary.resourceChanges ?? {};
}

/** Selects the stack in the environment's backend, with the inline program or the project's own program. */
async function openStack(options: PipelineOptions, env: NodeJS.ProcessEnv): Promise<Stack> {
  if (!["Pulumi.yaml", "Pulumi.yml"].some((file) => fs.existsSync(path.join(options.cwd, file)))) {
    throw new PipelineUsageError(`${options.cwd} has no Pulumi.yaml. Pass the Pulumi project folder with --cwd.`);
  }

  let pulumiCommand: PulumiCommand;
  try {
    pulumiCommand = await locatePulumiCli(env);
  } catch (error) {
    throw new PipelineUsageError((error as Error).message);
  }

  const program = options.program === undefined ? undefined : loadProgram(options.program);
  if (program === undefined && !hasNodeLanguageHost(pulumiCommand, env)) {
    throw new PipelineUsageError(
      "The Pulumi CLI has no Node.js language host (pulumi-language-nodejs), so it cannot run the project's own program. Pass --program with the module that exports the program, or install Pulumi from get.pulumi.com.",
    );
  }

  const workspace = await LocalWorkspace.create({ workDir: options.cwd, pulumiCommand, program });
  try {
    return await Stack.select(options.stack, workspace);
  } catch (error) {
    if (error instanceof StackNotFoundError) {
      throw new PipelineUsageError(
        `Stack ${options.stack} was not found in the current backend. Check --stack, PULUMI_BACKEND_URL or pulumi login, or create the stack with pulumi stack init.`,
      );
    }
    const invalidName = describeStackSelectError(error, options.stack);
    if (invalidName) {
      throw new PipelineUsageError(invalidName);
    }
    throw new Error(`Selecting stack ${options.stack} failed: ${describeCommandFailure(error)}`);
  }
}

/** Tells whether `pulumi-language-nodejs` is next to the CLI or on PATH, where the CLI looks for it. */
function hasNodeLanguageHost(pulumiCommand: PulumiCommand, env: NodeJS.ProcessEnv): boolean {
  if (fs.existsSync(path.join(path.dirname(pulumiCommand.command), "pulumi-language-nodejs"))) {
    return true;
  }
  try {
    execFileSync("sh", ["-c", "command -v pulumi-language-nodejs"], { env, stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function describeDiagnostic(message: string, urn: string | undefined): string {
  const name = urn ? urn.slice(urn.lastIndexOf("::") + 2) : undefined;
  const text = message.trim();
  return name ? `${name}: ${text}` : text;
}

/**
 * Keeps the error lines of a failed CLI call, because its full output repeats the whole preview or
 * update, and the Automation API adds the command line and its own fields to it.
 */
function describeCommandFailure(error: unknown): string {
  if (!(error instanceof CommandError)) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  const errorLines = error.message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /\berror\b/i.test(line) && !/^(stderr:|err\?:|code:)/.test(line) && !line.startsWith("Command failed with exit code"));
  const unique = [...new Set(errorLines)];
  return unique.length > 0 ? unique.slice(0, 10).join("\n") : "The Pulumi CLI failed without an error message.";
}
