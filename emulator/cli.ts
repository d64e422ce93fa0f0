#!/usr/bin/env node
/** Command-line entry point `gcore-iam-emulator`. Run with --help for the options. */
import { CliUsageError, HELP_TEXT, parseCliArguments, type CliCommand } from "./cli-options";
import { SeedError } from "./seed-validation";
import { EmulatorListenError, startEmulator } from "./server";
import { StateFileError } from "./state-file";

/** Exit status for bad command-line arguments, following the common Unix convention. */
const EXIT_USAGE = 2;

async function main(args: string[]): Promise<void> {
  let command: CliCommand;
  try {
    command = parseCliArguments(args);
  } catch (error) {
    if (error instanceof CliUsageError) {
      process.stderr.write(`gcore-iam-emulator: ${error.message}\n`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    throw error;
  }

  if (command.kind === "help") {
    process.stdout.write(`${HELP_TEXT}\n`);
    return;
  }

  const log = command.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  const emulator = await startEmulator({
    port: command.port,
    host: command.host,
    seed: command.seed,
    stateFile: command.stateFile,
    faults: command.faults,
    lockout: command.lockout,
    log,
  });

  // The handlers go in before the URL line, because a script may send a signal as soon as it reads the line.
  const stop = (signal: NodeJS.Signals) => {
    void emulator.close().then(() => {
      if (!command.quiet) {
        process.stderr.write(`Gcore IAM emulator stopped on ${signal}\n`);
      }
      process.exit(0);
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  // Scripts wait for this exact line and read the URL from it.
  process.stdout.write(`Gcore IAM emulator listening on ${emulator.url}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Seed, state file and listen errors carry an actionable message. Anything else is a bug, so the stack is shown.
  let text = String(error);
  if (error instanceof SeedError || error instanceof StateFileError || error instanceof EmulatorListenError) {
    text = error.message;
  } else if (error instanceof Error) {
    text = error.stack ?? error.message;
  }

  process.stderr.write(`gcore-iam-emulator: ${text}\n`);
  process.exitCode = 1;
});
