#!/usr/bin/env node
/**
 * `gcore-rotate-pipeline <preview|up> --stack NAME [--cwd DIR] [--program MODULE] [--json]`:
 * the command for scheduled rotation runs. `arguments.ts` documents the options and
 * `exit-codes.ts` the exit codes.
 */
import { NOW_OVERRIDE_VARIABLE } from "../../provider/generated-password/clock-override";
import { createRedactor } from "../../sdk/redact";
import { HELP_TEXT, parsePipelineArguments, PipelineUsageError, type PipelineOptions } from "./arguments";
import { EXIT_CODES, type ExitCode } from "./exit-codes";
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

  const progressStream = options.json ? process.stderr : process.stdout;
  const clockOverride = process.env[NOW_OVERRIDE_VARIABLE];
  if (clockOverride) {
    process.stderr.write(`warning: ${NOW_OVERRIDE_VARIABLE} is set to ${JSON.stringify(clockOverride)}, so the provider uses that time instead of the system clock. It is a test hook, so unset it for real runs.\n`);
  }
  progressStream.write(`gcore-rotate-pipeline: ${options.command} of stack ${options.stack} in ${options.cwd}\n`);

  try {
    const report = await runPipeline(options, { line: (text) => progressStream.write(`${text}\n`) });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      process.stdout.write(`${formatSummary(report)}\n`);
    }
    return report.exitCode;
  } catch (error) {
    return reportFailure(error, options.json ? { command: options.command, stack: options.stack } : undefined);
  }
}

/**
 * Prints an error that stopped the run before a report existed, and returns its exit code:
 * 2 for a usage error, 1 otherwise. With `--json` it also prints a JSON report of the failure.
 */
function reportFailure(error: unknown, jsonFields: Record<string, string> | undefined): ExitCode {
  const usage = error instanceof PipelineUsageError;
  const exitCode = usage ? EXIT_CODES.usage : EXIT_CODES.failure;
  // Messages of unexpected errors come from the Automation API or Node.js. The SDK's patterns catch tokens in them.
  const message = createRedactor([])(error instanceof Error ? error.message : String(error));

  process.stderr.write(`error: ${message}\n`);
  if (jsonFields) {
    const report = { ...jsonFields, result: usage ? "usage-error" : "failed", exitCode, errors: [message] };
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
