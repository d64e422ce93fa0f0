import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator } from "../../emulator";
import { CliProcess, compileCli, runCli } from "./support/cli-process";
import { call } from "./support/http";

const SEED_PASSWORD = "Seed-Canary-Pass-5e1d";
const SEED_TOKEN = "31_5eed5eed5eed5eed";
const CLI_PASSWORD = "Cli:Canary-Pass-9b2c";
const CLI_TOKEN = "32_c11c11c11c11c11c";
const NEW_PASSWORD = "Rotated-Canary-Pass-44aa";

let directory: string;
let cliPath: string;
let seedFile: string;

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), "emulator-cli-"));
  cliPath = compileCli(path.join(directory, "build"));
  seedFile = path.join(directory, "seed.json");
  writeFileSync(
    seedFile,
    JSON.stringify({
      clients: [{ id: 3000, name: "Seed Company" }],
      users: [{ id: 61, email: "seed@example.com", password: SEED_PASSWORD, clientId: 3000 }],
      apiTokens: [{ userId: 61, token: SEED_TOKEN }],
    }),
  );
});

afterEach(async () => {
  await CliProcess.killLeftovers();
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** Returns a port that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

describe("gcore-iam-emulator CLI", () => {
  test("serves, logs safely and stops on SIGTERM", async () => {
    const cli = new CliProcess(cliPath, [
      "--seed", seedFile,
      "--user", `62:cli@example.com:${CLI_PASSWORD}`,
      "--api-token", `62:${CLI_TOKEN}`,
    ]);
    const url = await cli.waitForUrl();

    const seedLogin = await call(url, "POST", "/iam/auth/jwt/login", { body: { username: "seed@example.com", password: SEED_PASSWORD } });
    const cliLogin = await call(url, "POST", "/iam/auth/jwt/login", { body: { username: "cli@example.com", password: CLI_PASSWORD } });
    const change = await call(url, "PUT", "/iam/users/62/password", {
      body: { old: CLI_PASSWORD, new: NEW_PASSWORD, double: NEW_PASSWORD },
      authorization: `APIKey ${CLI_TOKEN}`,
    });
    const user = await call(url, "GET", `/iam/users/61?api_key=${SEED_TOKEN}`, { authorization: `Bearer ${seedLogin.body.access}` });
    const code = await cli.stop("SIGTERM");

    expect(seedLogin.status).toBe(200);
    expect(cliLogin.status).toBe(200);
    expect(change.status).toBe(200);
    expect(user.status).toBe(200);
    expect(user.body.company).toBe("Seed Company");
    expect(code).toBe(0);
    expect(cli.stdout).toBe(`Gcore IAM emulator listening on ${url}\n`);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
    expect(cli.stderr).toMatch(/^POST \/iam\/auth\/jwt\/login 200 [0-9]+ms$/m);
    expect(cli.stderr).toMatch(/^PUT \/iam\/users\/62\/password 200 [0-9]+ms$/m);
    expect(cli.stderr).toMatch(/^GET \/iam\/users\/61 200 [0-9]+ms$/m);
    expect(cli.stderr).toContain("Gcore IAM emulator stopped on SIGTERM");
    for (const secret of [SEED_PASSWORD, SEED_TOKEN, CLI_PASSWORD, CLI_TOKEN, NEW_PASSWORD, seedLogin.body.access, "APIKey", "Bearer"]) {
      expect({ secret: secret.slice(0, 3), found: cli.stderr.includes(secret) }).toEqual({ secret: secret.slice(0, 3), found: false });
    }
  });

  test("SIGINT stops with status 0", async () => {
    const cli = new CliProcess(cliPath, []);
    await cli.waitForUrl();

    expect(await cli.stop("SIGINT")).toBe(0);
  });

  test("default seed is the demo seed", async () => {
    const cli = new CliProcess(cliPath, ["--quiet"]);
    const url = await cli.waitForUrl();

    const response = await call(url, "POST", "/iam/auth/jwt/login", { body: { username: "demo@example.com", password: "Demo-Start-Password-1" } });
    await cli.stop();

    expect(response.status).toBe(200);
  });

  test("--quiet prints no request log", async () => {
    const cli = new CliProcess(cliPath, ["--quiet"]);
    const url = await cli.waitForUrl();

    const response = await call(url, "GET", "/iam/users/42");
    const code = await cli.stop();

    expect(response.status).toBe(401);
    expect(code).toBe(0);
    expect(cli.stderr).toBe("");
  });

  test("--port listens on that port", async () => {
    const port = await freePort();
    const cli = new CliProcess(cliPath, ["--port", String(port), "--quiet"]);

    const url = await cli.waitForUrl();
    await cli.stop();

    expect(url).toBe(`http://127.0.0.1:${port}`);
  });

  test("--user without --seed replaces the demo user", async () => {
    const cli = new CliProcess(cliPath, ["--user", `7:solo@example.com:${CLI_PASSWORD}`, "--quiet"]);
    const url = await cli.waitForUrl();

    const demo = await call(url, "POST", "/iam/auth/jwt/login", { body: { username: "demo@example.com", password: "Demo-Start-Password-1" } });
    const solo = await call(url, "POST", "/iam/auth/jwt/login", { body: { username: "solo@example.com", password: CLI_PASSWORD } });
    await cli.stop();

    expect(demo.status).toBe(401);
    expect(solo.status).toBe(200);
  });

  test("--help describes every option", async () => {
    const result = await runCli(cliPath, ["--help"]);

    expect(result.code).toBe(0);
    const options = ["--port", "--host", "--seed", "--user", "--api-token", "--state-file", "--quiet", "--help"];
    const faultOptions = ["--latency ALIAS=MS", "--fail-next ALIAS=COUNT:STATUS", "--rate-limit ALIAS=COUNT:SECONDS", "--drop-after-commit ALIAS=COUNT", "--lockout-after N"];
    for (const option of [...options, ...faultOptions]) {
      expect(result.stdout).toContain(option);
    }
  });

  test("fault flags act over HTTP", async () => {
    const cli = new CliProcess(cliPath, [
      "--fail-next", "login=1:503",
      "--rate-limit", "get-user=1:9",
      "--drop-after-commit", "change-password=1",
      "--latency", "refresh=200",
      "--lockout-after", "2",
    ]);
    const url = await cli.waitForUrl();
    const demo = { username: "demo@example.com", password: "Demo-Start-Password-1" };
    const apiKey = "APIKey 7_0123456789abcdef0123456789abcdef";

    const failed = await call(url, "POST", "/iam/auth/jwt/login", { body: demo });
    const tokens = await call(url, "POST", "/iam/auth/jwt/login", { body: demo });
    const limited = await call(url, "GET", "/iam/users/42", { authorization: apiKey });
    const started = Date.now();
    const refreshed = await call(url, "POST", "/iam/auth/jwt/refresh", { body: { refresh: tokens.body.refresh } });
    const refreshMs = Date.now() - started;
    const dropped = await call(url, "PUT", "/iam/users/42/password", {
      body: { old: demo.password, new: NEW_PASSWORD, double: NEW_PASSWORD },
      authorization: apiKey,
    }).catch((error: unknown) => error);
    const newPassword = await call(url, "POST", "/__emulator/users/42/password-check", { body: { password: NEW_PASSWORD } });
    await call(url, "POST", "/iam/auth/jwt/login", { body: { ...demo, password: "wrong-1" } });
    await call(url, "POST", "/iam/auth/jwt/login", { body: { ...demo, password: "wrong-2" } });
    const lockout = await call(url, "GET", "/__emulator/lockout");
    await cli.stop();

    expect(failed.status).toBe(503);
    expect(tokens.status).toBe(200);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("9");
    expect(refreshed.status).toBe(200);
    expect(refreshMs).toBeGreaterThanOrEqual(190);
    expect((dropped as Error).message).toBe("fetch failed");
    expect(newPassword.body).toEqual({ matches: true });
    expect(lockout.body).toEqual({ maxFailedAttempts: 2, lockedUserIds: [42] });
    expect(cli.stderr).toContain("lockout: user 42 locked after 2 failed attempts");
    expect(cli.stderr).toMatch(/^POST \/iam\/auth\/jwt\/login 503 [0-9]+ms \[fault failNext 503, 0 left\]$/m);
    for (const secret of [NEW_PASSWORD, demo.password, tokens.body.refresh, "0123456789abcdef0123456789abcdef"]) {
      expect({ secret: secret.slice(0, 3), found: cli.stderr.includes(secret) }).toEqual({ secret: secret.slice(0, 3), found: false });
    }
  });

  test("--state-file survives a restart", async () => {
    const stateFile = path.join(directory, "cli-state.json");
    const demoKey = "APIKey 7_0123456789abcdef0123456789abcdef";

    const first = new CliProcess(cliPath, ["--state-file", stateFile, "--quiet"]);
    const firstUrl = await first.waitForUrl();
    const change = await call(firstUrl, "PUT", "/iam/users/42/password", {
      body: { old: "Demo-Start-Password-1", new: NEW_PASSWORD, double: NEW_PASSWORD },
      authorization: demoKey,
    });
    await first.stop();

    const second = new CliProcess(cliPath, ["--state-file", stateFile]);
    const secondUrl = await second.waitForUrl();
    const withNew = await call(secondUrl, "POST", "/iam/auth/jwt/login", { body: { username: "demo@example.com", password: NEW_PASSWORD } });
    await second.stop();

    expect(change.status).toBe(200);
    expect(withNew.status).toBe(200);
    expect(second.stderr).toContain(`state: loaded 1 users from ${stateFile}, the seed is ignored`);
  });

  test("invalid state file exits 1", async () => {
    const stateFile = path.join(directory, "bad-state.json");
    writeFileSync(stateFile, "{");

    const result = await runCli(cliPath, ["--state-file", stateFile]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Emulator state file ${stateFile} is not valid JSON`);
  });

  test("bad fault flag exits 2", async () => {
    const result = await runCli(cliPath, ["--fail-next", "login=1:200"]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("failNext.status must be an integer from 400 to 599");
  });

  test("unknown option exits 2", async () => {
    const result = await runCli(cliPath, ["--verbose"]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--verbose'");
    expect(result.stdout).toBe("");
  });

  test("malformed --user hides the password", async () => {
    const result = await runCli(cliPath, ["--user", `x:nobody@example.com:${CLI_PASSWORD}`]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--user number 1 must have the form ID:EMAIL:PASSWORD");
    expect(result.stderr).not.toContain("Canary-Pass");
  });

  test("stray argument is not echoed", async () => {
    const result = await runCli(cliPath, ["--user", "8:a@example.com:first", "Canary-Second-Half"]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unexpected argument");
    expect(result.stderr).not.toContain("Canary-Second-Half");
  });

  test("invalid seed file exits 1", async () => {
    const badSeed = path.join(directory, "bad-seed.json");
    writeFileSync(badSeed, JSON.stringify({ users: [{ id: 1, email: "a@example.com", password: SEED_PASSWORD, isAdmin: "yes" }] }));

    const result = await runCli(cliPath, ["--seed", badSeed]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("users[0].isAdmin must be true or false");
    expect(result.stderr).not.toContain(SEED_PASSWORD);
    expect(result.stdout).toBe("");
  });

  test("port in use exits 1", async () => {
    const occupant = await startEmulator();
    try {
      const result = await runCli(cliPath, ["--port", String(occupant.port)]);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Cannot listen on 127.0.0.1:${occupant.port} (EADDRINUSE)`);
    } finally {
      await occupant.close();
    }
  });
});
