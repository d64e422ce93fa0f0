import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_SEED, SeedError } from "../../emulator";
import { CliUsageError, parseCliArguments, type CliCommand } from "../../emulator/cli-options";

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), "emulator-cli-options-"));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function parseRun(args: string[]): Extract<CliCommand, { kind: "run" }> {
  const command = parseCliArguments(args);
  if (command.kind !== "run") {
    throw new Error(`expected a run command, got ${command.kind}`);
  }
  return command;
}

function usageError(args: string[]): CliUsageError {
  try {
    parseCliArguments(args);
  } catch (error) {
    return error as CliUsageError;
  }
  throw new Error("parseCliArguments accepted invalid arguments");
}

describe("parseCliArguments", () => {
  test("no arguments use defaults", () => {
    const command = parseRun([]);

    expect(command.port).toBe(0);
    expect(command.host).toBe("127.0.0.1");
    expect(command.quiet).toBe(false);
    expect(command.seed.users).toEqual(DEMO_SEED.users);
    expect(command.seed.apiTokens).toEqual(DEMO_SEED.apiTokens);
  });

  test("--help wins over other flags", () => {
    expect(parseCliArguments(["--port", "80", "--help"])).toEqual({ kind: "help" });
  });

  test.each([
    ["0", 0],
    ["8080", 8080],
    ["65535", 65535],
  ])("--port %s is accepted", (value, expected) => {
    expect(parseRun(["--port", value]).port).toBe(expected);
  });

  test.each(["-1", "65536", "80.5", "http", ""])("--port %p is rejected", (value) => {
    const error = usageError([`--port=${value}`]);

    expect(error).toBeInstanceOf(CliUsageError);
    expect(error.message).toBe(`--port must be an integer from 0 to 65535, got ${JSON.stringify(value)}.`);
  });

  test("--host and --quiet are read", () => {
    const command = parseRun(["--host", "::1", "--quiet"]);

    expect(command.host).toBe("::1");
    expect(command.quiet).toBe(true);
  });

  test("--user keeps colons in the password", () => {
    const command = parseRun(["--user", "5:a@example.com:pa:ss:word"]);

    expect(command.seed.users).toEqual([{ id: 5, email: "a@example.com", password: "pa:ss:word" }]);
  });

  test("repeated --user and --api-token add entries", () => {
    const command = parseRun([
      "--user", "5:a@example.com:first",
      "--user", "6:b@example.com:second",
      "--api-token", "5:1_ab",
      "--api-token", "6:2$cd",
    ]);

    expect(command.seed.users.map((user) => user.id)).toEqual([5, 6]);
    expect(command.seed.apiTokens).toEqual([{ userId: 5, token: "1_ab" }, { userId: 6, token: "2$cd" }]);
  });

  test("--api-token alone extends the demo seed", () => {
    const command = parseRun(["--api-token", "42:9_abcdef"]);

    expect(command.seed.users).toEqual(DEMO_SEED.users);
    expect(command.seed.apiTokens).toEqual([...(DEMO_SEED.apiTokens ?? []), { userId: 42, token: "9_abcdef" }]);
  });

  test("--seed with --user merges both", () => {
    const file = path.join(directory, "seed.json");
    writeFileSync(file, JSON.stringify({ clients: [{ id: 5000, name: "Seeded" }], users: [{ id: 1, email: "s@example.com", password: "p", clientId: 5000 }] }));

    const command = parseRun(["--seed", file, "--user", "2:u@example.com:q"]);

    expect(command.seed.clients).toEqual([{ id: 5000, name: "Seeded" }]);
    expect(command.seed.users.map((user) => user.id)).toEqual([1, 2]);
  });

  test.each([
    ["missing password", "5:a@example.com"],
    ["empty password", "5:a@example.com:"],
    ["non-numeric id", "five:a@example.com:Canary-Pw"],
    ["zero id", "0:a@example.com:Canary-Pw"],
    ["empty email", "5::Canary-Pw"],
  ])("--user with %s is rejected", (_case, value) => {
    const error = usageError(["--user", value]);

    expect(error).toBeInstanceOf(CliUsageError);
    expect(error.message).toContain("--user number 1 must have the form ID:EMAIL:PASSWORD");
    expect(error.message).not.toContain("Canary-Pw");
  });

  test.each([
    ["no colon", "5_c0ffee99"],
    ["non-numeric user", "x:5_c0ffee99"],
    ["empty token", "5:"],
  ])("--api-token with %s is rejected", (_case, value) => {
    const error = usageError(["--api-token", value]);

    expect(error).toBeInstanceOf(CliUsageError);
    expect(error.message).toContain("--api-token number 1 must have the form USERID:TOKEN");
    expect(error.message).not.toContain("c0ffee99");
  });

  test("duplicate --user id is a seed error", () => {
    expect(() => parseCliArguments(["--user", "5:a@example.com:x", "--user", "5:b@example.com:y"])).toThrow(
      new SeedError("Invalid emulator seed in the command-line options: users[1].id repeats 5 from users[0]; each entry must be unique.", "users[1].id"),
    );
  });

  test("malformed token is a seed error without the token", () => {
    let message = "";
    try {
      parseCliArguments(["--api-token", "42:Canary-Not-A-Token"]);
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain("apiTokens[1].token must have the form <id>_<hex>");
    expect(message).not.toContain("Canary-Not-A-Token");
  });

  test("unknown option is a usage error", () => {
    expect(usageError(["--verbose"]).message).toBe("Unknown option '--verbose'. See --help.");
  });

  test("--state-file is passed on", () => {
    expect(parseRun(["--state-file", "/tmp/state.json"]).stateFile).toBe("/tmp/state.json");
    expect(parseRun([]).stateFile).toBeUndefined();
  });

  test("no fault flags set no faults", () => {
    const command = parseRun([]);

    expect(command.faults).toEqual({});
    expect(command.lockout).toBeUndefined();
  });

  test("fault flags merge per alias", () => {
    const command = parseRun([
      "--latency", "login=250",
      "--fail-next", "login=2:503",
      "--rate-limit", "get-user=1:30",
      "--drop-after-commit", "change-password=1",
      "--latency", "refresh=5",
    ]);

    expect(command.faults).toEqual({
      login: { latencyMs: 250, failNext: { count: 2, status: 503 } },
      "get-user": { rateLimitNext: { count: 1, retryAfterSeconds: 30 } },
      "change-password": { dropAfterCommitNext: 1 },
      refresh: { latencyMs: 5 },
    });
  });

  test("--lockout-after sets the policy", () => {
    expect(parseRun(["--lockout-after", "3"]).lockout).toEqual({ maxFailedAttempts: 3 });
  });

  test.each([
    ["unknown alias", ["--latency", "logout=5"], "--latency must have the form ALIAS=MS"],
    ["missing alias", ["--latency", "5"], "--latency must have the form ALIAS=MS"],
    ["missing status", ["--fail-next", "login=2"], "--fail-next must have the form ALIAS=COUNT:STATUS"],
    ["negative count", ["--fail-next", "login=-1:500"], "--fail-next must have the form ALIAS=COUNT:STATUS"],
    ["status out of range", ["--fail-next", "login=1:200"], "failNext.status must be an integer from 400 to 599"],
    ["seconds not a number", ["--rate-limit", "login=1:soon"], "--rate-limit must have the form ALIAS=COUNT:SECONDS"],
    ["extra part", ["--drop-after-commit", "refresh=1:2"], "--drop-after-commit must have the form ALIAS=COUNT"],
    ["repeated flag", ["--latency", "login=1", "--latency", "login=2"], "--latency is given twice for login"],
    ["zero lockout", ["--lockout-after", "0"], "--lockout-after must be a positive integer"],
    ["word lockout", ["--lockout-after", "three"], "--lockout-after must be a positive integer"],
  ])("fault flag with %s is rejected", (_case, args, message) => {
    const error = usageError(args);

    expect(error).toBeInstanceOf(CliUsageError);
    expect(error.message).toContain(message);
  });
});
