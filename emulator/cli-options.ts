import { parseArgs } from "node:util";
import { DEMO_SEED } from "./demo-seed";
import { loadSeedFile } from "./seed-file";
import { validateSeed } from "./seed-validation";
import type { EmulatorSeed, SeedApiToken, SeedUser } from "./types";

/** Help text printed by `--help`. */
export const HELP_TEXT = `Usage: gcore-iam-emulator [options]

Runs a local HTTP server that behaves like the Gcore IAM API for password changes,
JWT login and refresh, and user lookup. Prints one line with its URL to stdout,
then one line per request (method, path, status, duration) to stderr.

Options:
  --port N                      TCP port to listen on. Default: 0, a free port.
  --host ADDRESS                Address to listen on. Default: 127.0.0.1.
  --seed FILE                   JSON file with clients, users and API tokens
                                (see emulator/README.md). Default: the demo seed,
                                user 42 demo@example.com with password
                                Demo-Start-Password-1 and API token
                                7_0123456789abcdef0123456789abcdef.
  --user ID:EMAIL:PASSWORD      Adds a user in client 1000. Repeatable. Without
                                --seed, replaces the demo seed. The password may
                                contain colons. Command lines are visible to other
                                local users, so use --seed for real passwords.
  --api-token USERID:TOKEN      Adds a permanent API token (<id>_<hex>) for a user.
                                Repeatable.
  --quiet                       Prints no request log lines.
  --help                        Prints this help and exits.

Stops on SIGINT or SIGTERM.`;

/** Thrown for command-line arguments that cannot be used. The message never contains a password or token. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliUsageError";
  }
}

/** Action requested on the command line. */
export type CliCommand =
  | { kind: "help" }
  | { kind: "run"; port: number; host: string; seed: EmulatorSeed; quiet: boolean };

/**
 * Parses command-line arguments (without the node and script paths). Throws a `CliUsageError` for
 * bad flags and a `SeedError` for a bad seed file or an inconsistent combination of seed entries.
 */
export function parseCliArguments(args: string[]): CliCommand {
  const { values } = parseFlags(args);
  if (values.help === true) {
    return { kind: "help" };
  }

  const users = (values.user ?? []).map(parseUserFlag);
  const apiTokens = (values["api-token"] ?? []).map(parseApiTokenFlag);

  let base: EmulatorSeed = DEMO_SEED;
  if (values.seed !== undefined) {
    base = loadSeedFile(values.seed);
  } else if (users.length > 0) {
    base = { users: [] };
  }
  const source = values.seed === undefined ? "the command-line options" : `${values.seed} with the command-line options`;
  const seed = validateSeed(
    {
      clients: base.clients ?? [],
      users: [...base.users, ...users],
      apiTokens: [...(base.apiTokens ?? []), ...apiTokens],
    },
    source,
  );

  return {
    kind: "run",
    port: parsePort(values.port),
    host: values.host ?? "127.0.0.1",
    seed,
    quiet: values.quiet === true,
  };
}

function parseFlags(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        seed: { type: "string" },
        user: { type: "string", multiple: true },
        "api-token": { type: "string", multiple: true },
        quiet: { type: "boolean" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    // The parser's message quotes a stray argument, which may be part of a password split at a space.
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      throw new CliUsageError("Unexpected argument: every value must follow its option. Quote values that contain spaces. See --help.");
    }
    throw new CliUsageError(`${message}. See --help.`);
  }
}

function parsePort(value: string | undefined): number {
  if (value === undefined) {
    return 0;
  }

  const port = Number(value);
  if (!/^[0-9]+$/.test(value) || port > 65535) {
    throw new CliUsageError(`--port must be an integer from 0 to 65535, got ${JSON.stringify(value)}.`);
  }

  return port;
}

function parseUserFlag(value: string, index: number): SeedUser {
  const [id, email, ...passwordParts] = value.split(":");
  const password = passwordParts.join(":");
  const userId = Number(id);

  if (passwordParts.length === 0 || !/^[0-9]+$/.test(id) || userId === 0 || email === "" || password === "") {
    throw new CliUsageError(
      `--user number ${index + 1} must have the form ID:EMAIL:PASSWORD with a positive integer ID and non-empty parts, for example 42:demo@example.com:Start-Password-1.`,
    );
  }

  return { id: userId, email, password };
}

function parseApiTokenFlag(value: string, index: number): SeedApiToken {
  const separator = value.indexOf(":");
  const userId = value.slice(0, separator);

  if (separator === -1 || !/^[0-9]+$/.test(userId) || separator === value.length - 1) {
    throw new CliUsageError(
      `--api-token number ${index + 1} must have the form USERID:TOKEN, for example 42:7_0123456789abcdef.`,
    );
  }

  return { userId: Number(userId), token: value.slice(separator + 1) };
}
