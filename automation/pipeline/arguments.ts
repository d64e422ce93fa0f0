import * as path from "node:path";
import { parseArgs } from "node:util";

import { DEFAULT_CANCEL_TIMEOUT_SECONDS } from "./interruption";

/** The operations the pipeline runs on a stack. */
export type PipelineCommand = "preview" | "up";

/** The parsed command line of `gcore-rotate-pipeline`. */
export interface PipelineOptions {
  /** The operation: `preview` shows what would change and `up` applies it. */
  command: PipelineCommand;
  /** The stack name, as `pulumi stack ls` shows it. */
  stack: string;
  /** The absolute path of the Pulumi project folder, which contains Pulumi.yaml. */
  cwd: string;
  /** The absolute path of a module that exports the Pulumi program, or undefined to run the project's own program. */
  program?: string;
  /** Whether to print a JSON report to stdout instead of the text summary. */
  json: boolean;
  /** How long to wait for the Pulumi CLI to cancel after SIGINT or SIGTERM before killing it, in seconds. Default: 60. */
  cancelTimeoutSeconds: number;
}

/** An invalid command line or setup. The pipeline exits with code 2. */
export class PipelineUsageError extends Error {
  override name = "PipelineUsageError";
}

/** The text `--help` prints. */
export const HELP_TEXT = `Usage: gcore-rotate-pipeline <preview|up> --stack NAME [--cwd DIR] [--program MODULE] [--json] [--cancel-timeout SECONDS]

Runs pulumi preview or pulumi up on one stack for scheduled password rotation, prints one line per
resource and a summary, and exits with a code a scheduler can act on. up continues past a failed
resource, so the other resources still change. Secrets are never printed.

Options:
  --stack NAME      The stack to run, in the backend of the environment (PULUMI_BACKEND_URL or
                    pulumi login). Required.
  --cwd DIR         The Pulumi project folder, which contains Pulumi.yaml and the stack's
                    Pulumi.<stack>.yaml. Default: the current directory.
  --program MODULE  A module that exports the Pulumi program function (module.exports = fn or
                    export default), relative to --cwd. A .ts module is compiled in memory with
                    the project's typescript package.
                    Without it the pipeline runs the project's own program, which needs the
                    Node.js language host (pulumi-language-nodejs) of a normal Pulumi installation.
  --json            Print a JSON report to stdout and the progress lines to stderr.
  --cancel-timeout SECONDS
                    How long to wait after SIGINT or SIGTERM for the Pulumi CLI to cancel the
                    operation and release the stack lock, before killing it. Default: ${DEFAULT_CANCEL_TIMEOUT_SECONDS}.
                    Give the scheduler a longer stop timeout than this.
  --help            Print this text.

Exit codes:
  0  up finished, or preview found nothing to change
  1  the run failed (a resource failed, an engine error, an unreadable stack)
  2  usage or setup error (invalid arguments, missing or invalid program, Pulumi.yaml,
     Pulumi CLI or language host, unknown or invalid stack name, missing or wrong passphrase,
     invalid GCORE_ROTATE_NOW); running again unchanged does not help
  3  preview found pending changes, such as due rotations; run up to apply them
  130, 143
     SIGINT or SIGTERM stopped the run; the Pulumi CLI cancelled the operation and released
     the stack lock, unless it outlasted --cancel-timeout and was killed (the summary says so)

Environment: the Pulumi CLI's own variables, such as PULUMI_BACKEND_URL and
PULUMI_CONFIG_PASSPHRASE. GCORE_ROTATE_NOW is a test hook that fixes the provider's clock, so leave
it unset outside tests.`;

/**
 * Parses the command line (without the node and script paths). Returns "help" for `--help`.
 * Throws `PipelineUsageError` with the problem and the fix for anything else that is invalid.
 */
export function parsePipelineArguments(argv: string[], workingDirectory: string = process.cwd()): PipelineOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        stack: { type: "string" },
        cwd: { type: "string" },
        program: { type: "string" },
        json: { type: "boolean", default: false },
        "cancel-timeout": { type: "string" },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new PipelineUsageError(`${(error as Error).message}. Run gcore-rotate-pipeline --help for the options.`);
  }

  const { values, positionals } = parsed;
  if (values.help) {
    return "help";
  }
  if (positionals.length !== 1 || (positionals[0] !== "preview" && positionals[0] !== "up")) {
    const given = positionals.length === 0 ? "no command" : `"${positionals.join(" ")}"`;
    throw new PipelineUsageError(`Expected one command, preview or up, but got ${given}. Example: gcore-rotate-pipeline preview --stack prod`);
  }
  if (values.stack === undefined || values.stack.trim() === "") {
    throw new PipelineUsageError("--stack is missing. Pass the stack to run, for example --stack prod.");
  }

  const stack = values.stack.trim();
  checkStackName(stack);
  const cwd = path.resolve(workingDirectory, values.cwd ?? ".");
  return {
    command: positionals[0],
    stack,
    cwd,
    program: values.program === undefined ? undefined : path.resolve(cwd, values.program),
    json: values.json === true,
    cancelTimeoutSeconds: parseCancelTimeout(values["cancel-timeout"]),
  };
}

// The Pulumi CLI's rule for each part of a stack name, which may be qualified as org/stack or org/project/stack.
const STACK_NAME_PART = /^[A-Za-z0-9_.-]{1,100}$/;

/** Throws `PipelineUsageError` for a stack name that the Pulumi CLI would reject. */
function checkStackName(stack: string): void {
  const parts = stack.split("/");
  if (parts.length <= 3 && parts.every((part) => STACK_NAME_PART.test(part))) {
    return;
  }
  throw new PipelineUsageError(
    `--stack ${JSON.stringify(stack)} is invalid. A stack name has 1 to 100 letters, digits, hyphens, underscores or periods, optionally qualified as org/stack or org/project/stack, for example --stack prod.`,
  );
}

// A day stays well below the longest delay of a Node.js timer, 2^31 - 1 ms or about 24.8 days.
const MAX_CANCEL_TIMEOUT_SECONDS = 24 * 60 * 60;

function parseCancelTimeout(value: string | undefined): number {
  if (value === undefined) {
    return DEFAULT_CANCEL_TIMEOUT_SECONDS;
  }
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < 1 || seconds > MAX_CANCEL_TIMEOUT_SECONDS) {
    throw new PipelineUsageError(
      `--cancel-timeout ${JSON.stringify(value)} is invalid. Pass a whole number of seconds from 1 to ${MAX_CANCEL_TIMEOUT_SECONDS}, for example --cancel-timeout 120.`,
    );
  }
  return seconds;
}
