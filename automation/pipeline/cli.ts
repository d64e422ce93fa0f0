#!/usr/bin/env node
/**
 * `gcore-rotate-pipeline <preview|up> --stack NAME [--cwd DIR] [--program MODULE] [--json] [--cancel-timeout SECONDS]`:
 * the command for scheduled rotation runs. `arguments.ts` documents the options and
 * `exit-codes.ts` the exit codes.
 */
import { NOW_OVERRIDE_VARIABLE, readNowOverride } from "../../provider/generated-password/clock-override";
import { createRedactor } from "../../sdk/redact";
import { HELP_TEXT, parsePipelineArguments, PipelineUsageError, type PipelineOptions } from "./arguments";
import { EXIT_CODES, type ExitCode } from "./exit-codes";
import { listenForStopSignals, receivedStopSignal, stopExitCode, type StopSignal } from "./interruption";
import { formatSummary } from "./report";
import { runPipeline } from "./run";

async function main(argv: string[]): Promise<ExitCode> {
  let options: PipelineOptions | "help";
  try {
    options = parsePipelineArguments(argv);
  } catch (error) {
    return reportFailure(error, argv.includes("--json") ? {} : undefined);
  }
  if (options === "help") {
    process.stdout.write(`${HELP_TEXT}\n`);
    return EXIT_CODES.success;
  }

  const jsonFields = options.json ? { command: options.command, stack: options.stack } : undefined;
  try {
    readNowOverride(process.env);
  } catch (error) {
    return reportFailure(new PipelineUsageError((error as Error).message), jsonFields);
  }

  const progressStream = options.json ? process.stderr : process.stdout;
  const clockOverride = process.env[NOW_OVERRIDE_VARIABLE];
  if (clockOverride) {
    process.stderr.write(`warning: ${NOW_OVERRIDE_VARIABLE} is set to ${JSON.stringify(clockOverride)}, so the provider uses that time instead of the system clock. It is a test hook, so unset it for real runs.\n`);
  }
  progressStream.write(`gcore-rotate-pipeline: ${options.command} of stack ${options.stack} in ${options.cwd}\n`);
  const stopSignals = listenForStopSignals((signal, count) => process.stderr.write(`${describeStopSignal(options, signal, count)}\n`));

  try {
    const report = await runPipeline(options, { line: (text) => progressStream.write(`${text}\n`) }, { stopSignals });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      process.stdout.write(`${formatSummary(report)}\n`);
    }
    return report.exitCode;
  } catch (error) {
    return reportFailure(error, jsonFields, receivedStopSignal(stopSignals.stopped));
  }
}

/** Returns the line printed for a stop signal: what the pipeline waits for, and for how long. */
function describeStopSignal(options: PipelineOptions, signal: StopSignal, count: number): string {
  if (count > 1) {
    return `gcore-rotate-pipeline: received ${signal} again. Still waiting for the Pulumi CLI to cancel, at most ${options.cancelTimeoutSeconds} s after the first signal, so that it releases the stack lock.`;
  }
  return (
    `gcore-rotate-pipeline: received ${signal}. Cancelling the ${options.command}. The Pulumi CLI finishes the resource steps in progress, ` +
    `starts no new ones and releases the stack lock. Waiting at most ${options.cancelTimeoutSeconds} s, then exiting with ${stopExitCode(signal)}.`
  );
}

/**
 * Prints an error that stopped the run before a report existed, and returns its exit code: the
 * stop signal's code after SIGINT or SIGTERM, 2 for a usage error and 1 otherwise. With `--json` it
 * also prints a JSON report of the failure.
 */
function reportFailure(error: unknown, jsonFields: Record<string, string> | undefined, stopSignal?: StopSignal): ExitCode {
  let exitCode: ExitCode = EXIT_CODES.failure;
  let result = "failed";
  if (stopSignal) {
    exitCode = stopExitCode(stopSignal);
    result = "interrupted";
  } else if (error instanceof PipelineUsageError) {
    exitCode = EXIT_CODES.usage;
    result = "usage-error";
  }
  // Messages of unexpected errors come from the Automation API or Node.js. The SDK's patterns catch tokens in them.
  const message = createRedactor([])(error instanceof Error ? error.message : String(error));

  process.stderr.write(`error: ${message}\n`);
  if (jsonFields) {
    const report = { ...jsonFields, result, exitCode, errors: [message], ...(stopSignal ? { interruptedBy: stopSignal } : {}) };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  }
  return exitCode;
}

main(process.argv.slice(2)).then(
  (exitCode) => process.stdout.write("", () => process.exit(exitCode)),
  (error: unknown) => {
    process.stderr.write(`error: internal error in gcore-rotate-pipeline: ${error instanceof Error ? error.name : String(error)}\n`);
    process.exit(EXIT_CODES.failure);
  },
);
