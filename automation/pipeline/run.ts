import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

import { CommandError, LocalWorkspace, Stack, StackNotFoundError, type EngineEvent, type PulumiCommand } from "@pulumi/pulumi/automation";

import { NOW_OVERRIDE_VARIABLE } from "../../provider/generated-password/clock-override";
import { createRedactor, type Redact } from "../../sdk/redact";
import { isolateEngineConnections } from "../engine-connections";
import { locatePulumiCli } from "../pulumi-cli";
import { PipelineUsageError, type PipelineOptions } from "./arguments";
import { outcomeFromEvent, type ResourceOutcome } from "./outcomes";
import { loadProgram } from "./program-module";
import { countOutcomes, decideResult, formatProgressLine, type PipelineReport } from "./report";

isolateEngineConnections();

/** The receiver of progress lines while the engine runs. */
export interface PipelineProgress {
  /** Receives one line per resource as soon as the engine finishes it. */
  line(text: string): void;
}

/**
 * Runs `preview` or `up` on a stack through the Automation API and reports every resource's outcome.
 * Throws `PipelineUsageError` when the stack, the project or the program cannot be found. A failed
 * engine run does not throw: it returns a report with result "failed".
 */
export async function runPipeline(options: PipelineOptions, progress: PipelineProgress, env: NodeJS.ProcessEnv = process.env): Promise<PipelineReport> {
  const stack = await openStack(options, env);
  const dryRun = options.command === "preview";
  const resources = new Map<string, ResourceOutcome>();
  const rawErrors: string[] = [];

  const onEvent = (event: EngineEvent): void => {
    const outcome = outcomeFromEvent(event);
    // A replacement takes several steps, so print a line only when a resource gets a new outcome.
    if (outcome && resources.get(outcome.urn)?.outcome !== outcome.outcome) {
      resources.set(outcome.urn, outcome);
      progress.line(formatProgressLine(outcome, dryRun));
    }
    const diagnostic = event.diagnosticEvent;
    if (diagnostic?.severity === "error") {
      rawErrors.push(describeDiagnostic(diagnostic.message, diagnostic.urn));
    }
  };

  let failed = false;
  let engineChanges: Record<string, number> = {};
  try {
    if (dryRun) {
      engineChanges = (await stack.preview({ onEvent, color: "never" })).changeSummary;
    } else {
      // One account's failed change must not hold back the due rotations of the others in the stack.
      engineChanges = (await stack.up({ onEvent, color: "never", continueOnError: true })).summary.resourceChanges ?? {};
    }
  } catch (error) {
    failed = true;
    if (rawErrors.length === 0) {
      rawErrors.push(describeCommandFailure(error));
    }
  }

  const redact = await buildRedactor(stack);
  const outcomes = [...resources.values()];
  const clockOverride = env[NOW_OVERRIDE_VARIABLE] || undefined;
  return {
    command: options.command,
    stack: options.stack,
    dryRun,
    ...decideResult(options.command, failed || outcomes.some((resource) => resource.outcome === "failed"), engineChanges),
    counts: countOutcomes(outcomes),
    resources: outcomes,
    errors: [...new Set(rawErrors.map(redact))],
    ...(clockOverride === undefined ? {} : { clockOverride }),
  };
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
    throw error;
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

/**
 * Builds the redactor for error messages from the stack's secret config values and secret outputs,
 * on top of the SDK's patterns for tokens. Provider messages never contain secrets, but a program's
 * own errors might.
 */
async function buildRedactor(stack: Stack): Promise<Redact> {
  const secrets: string[] = [];
  const config = await stack.getAllConfig().catch(() => ({}));
  for (const { value, secret } of Object.values(config)) {
    if (secret) {
      secrets.push(...stringLeaves(value));
    }
  }
  const outputs = await stack.outputs().catch(() => ({}));
  for (const { value, secret } of Object.values(outputs)) {
    if (secret) {
      secrets.push(...stringLeaves(value));
    }
  }
  return createRedactor(secrets);
}

/** Returns every string in a value, and in a config value that contains JSON, every string inside it. */
function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === "object" && parsed !== null ? [value, ...stringLeaves(parsed)] : [value];
    } catch {
      return [value];
    }
  }
  if (typeof value === "object" && value !== null) {
    return Object.values(value).flatMap(stringLeaves);
  }
  return typeof value === "number" ? [String(value)] : [];
}

function describeDiagnostic(message: string, urn: string | undefined): string {
  const name = urn ? urn.slice(urn.lastIndexOf("::") + 2) : undefined;
  const text = message.trim();
  return name ? `${name}: ${text}` : text;
}

/** Keeps the error lines of a failed CLI call, because its full output repeats the whole preview or update. */
function describeCommandFailure(error: unknown): string {
  if (!(error instanceof CommandError)) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  const errorLines = error.message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /\berror\b/i.test(line) && !line.startsWith("stderr:"));
  return errorLines.length > 0 ? errorLines.slice(0, 10).join("\n") : "The Pulumi CLI failed without an error message.";
}
