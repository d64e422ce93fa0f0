import { parseArgs } from "node:util";
import { DEMO_SEED } from "./demo-seed";
import { InvalidSettingError, ROUTE_ALIASES, validateRouteFault } from "./faults";
import { loadSeedFile } from "./seed-file";
import { validateSeed } from "./seed-validation";
import type { EmulatorSeed, LockoutPolicy, RouteAlias, RouteFault, SeedApiToken, SeedUser } from "./types";

/** Help text printed by `--help`. */
export const HELP_TEXT = `Usage: gcore-iam-emulator [options]

Runs a local HTTP server that behaves like the Gcore IAM API for password changes,
JWT login and refresh, and user lookup. Prints one line with its URL to stdout,
then to stderr one line per request (method, path, status, duration and any
fault applied) and per fault or lockout event. No line contains a secret.

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
  --state-file FILE             Keeps users (password hashes only), API token
                                digests, used refresh tokens and the signing key
                                in FILE, rewritten atomically after every change,
                                so that a restart resumes where the last run
                                stopped. An existing FILE wins over the seed; a
                                missing one is created from it. Default: state
                                lives in memory only.
  --quiet                       Prints no request log lines.
  --help                        Prints this help and exits.

Fault injection. ALIAS is one of change-password, login, refresh, get-user.
Each flag is repeatable for different routes. The same switches are available
at run time through /__emulator/faults (see emulator/README.md).
  --latency ALIAS=MS            Waits MS milliseconds (at most 600000) before
                                handling each request of the route. The request is
                                still handled, and a password change still
                                applied, if the client has given up.
  --fail-next ALIAS=COUNT:STATUS
                                Responds to the next COUNT requests of the route
                                with HTTP STATUS (400-599) and Gcore's error body
                                for it, without applying them.
  --rate-limit ALIAS=COUNT:SECONDS
                                Responds to the next COUNT requests of the route
                                with 429 "Rate limit exceeded" and Retry-After:
                                SECONDS, without applying them.
  --drop-after-commit ALIAS=COUNT
                                Applies the next COUNT requests of the route in
                                full, then closes the connection without a
                                response, as when a network fails after the
                                server committed.
  --lockout-after N             Locks a user after N failed attempts in a row
                                (failed logins and password changes with a wrong
                                old password). A locked user gets 403 on login and
                                password change, even with the right password.
                                Default: no lockout.

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
  | {
      kind: "run";
      port: number;
      host: string;
      seed: EmulatorSeed;
      quiet: boolean;
      /** State file path from --state-file. */
      stateFile?: string;
      /** Faults per route alias from the fault flags. */
      faults: Partial<Record<RouteAlias, RouteFault>>;
      /** Lockout policy from --lockout-after. */
      lockout?: LockoutPolicy;
    };

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
    stateFile: values["state-file"],
    faults: parseFaultFlags(values),
    lockout: values["lockout-after"] === undefined ? undefined : { maxFailedAttempts: parseLockoutAfter(values["lockout-after"]) },
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
        "state-file": { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean" },
        latency: { type: "string", multiple: true },
        "fail-next": { type: "string", multiple: true },
        "rate-limit": { type: "string", multiple: true },
        "drop-after-commit": { type: "string", multiple: true },
        "lockout-after": { type: "string" },
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

/** Fault flags with the form of their value after "ALIAS=", and how each value becomes part of a `RouteFault`. */
const FAULT_FLAGS = {
  latency: { form: "MS", parts: 1, build: ([ms]: number[]): RouteFault => ({ latencyMs: ms }) },
  "fail-next": { form: "COUNT:STATUS", parts: 2, build: ([count, status]: number[]): RouteFault => ({ failNext: { count, status } }) },
  "rate-limit": {
    form: "COUNT:SECONDS",
    parts: 2,
    build: ([count, retryAfterSeconds]: number[]): RouteFault => ({ rateLimitNext: { count, retryAfterSeconds } }),
  },
  "drop-after-commit": { form: "COUNT", parts: 1, build: ([count]: number[]): RouteFault => ({ dropAfterCommitNext: count }) },
} as const;

type FaultFlag = keyof typeof FAULT_FLAGS;

/** Merges every fault flag into one `RouteFault` per alias. The same flag twice for one alias is an error. */
function parseFaultFlags(values: Partial<Record<FaultFlag, string[]>>): Partial<Record<RouteAlias, RouteFault>> {
  const faults: Partial<Record<RouteAlias, RouteFault>> = {};

  for (const flag of Object.keys(FAULT_FLAGS) as FaultFlag[]) {
    const seen = new Set<RouteAlias>();
    for (const value of values[flag] ?? []) {
      const { alias, fault } = parseFaultFlag(flag, value);
      if (seen.has(alias)) {
        throw new CliUsageError(`--${flag} is given twice for ${alias}. Give it once per route.`);
      }
      seen.add(alias);
      faults[alias] = { ...faults[alias], ...fault };
    }
  }

  for (const [alias, fault] of Object.entries(faults)) {
    try {
      validateRouteFault(fault);
    } catch (error) {
      if (error instanceof InvalidSettingError) {
        throw new CliUsageError(`Fault for ${alias}: ${error.message} See --help.`);
      }
      throw error;
    }
  }

  return faults;
}

function parseFaultFlag(flag: FaultFlag, value: string): { alias: RouteAlias; fault: RouteFault } {
  const { form, parts, build } = FAULT_FLAGS[flag];
  const usage = `--${flag} must have the form ALIAS=${form}, with ALIAS one of ${Object.keys(ROUTE_ALIASES).join(", ")} and non-negative integers, got ${JSON.stringify(value)}.`;

  const separator = value.indexOf("=");
  const alias = value.slice(0, separator);
  const numbers = value.slice(separator + 1).split(":");
  if (separator === -1 || !Object.hasOwn(ROUTE_ALIASES, alias) || numbers.length !== parts || !numbers.every((part) => /^[0-9]+$/.test(part))) {
    throw new CliUsageError(usage);
  }

  return { alias: alias as RouteAlias, fault: build(numbers.map(Number)) };
}

function parseLockoutAfter(value: string): number {
  const attempts = Number(value);
  if (!/^[0-9]+$/.test(value) || attempts < 1 || !Number.isSafeInteger(attempts)) {
    throw new CliUsageError(`--lockout-after must be a positive integer, got ${JSON.stringify(value)}.`);
  }

  return attempts;
}
