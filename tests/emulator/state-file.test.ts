import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { StateFileError, startEmulator, type EmulatorSeed, type RunningEmulator } from "../../emulator";
import { FakeClock } from "./support/fake-clock";
import { call, login } from "./support/http";
import { OWNER_TOKEN, TEST_SEED } from "./support/test-seed";

const OTHER_SEED: EmulatorSeed = { users: [{ id: 5, email: "other@example.com", password: "Other-Start-1" }] };

let directory: string;
let stateFile: string;
let clock: FakeClock;
const running: RunningEmulator[] = [];

beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), "emulator-state-"));
  stateFile = path.join(directory, "state.json");
  clock = new FakeClock();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  rmSync(directory, { recursive: true, force: true });
});

async function start(seed: EmulatorSeed = TEST_SEED, lines: string[] = []): Promise<RunningEmulator> {
  const emulator = await startEmulator({ seed, now: clock.now, stateFile, log: (line) => lines.push(line) });
  running.push(emulator);
  return emulator;
}

async function restart(emulator: RunningEmulator, seed: EmulatorSeed = TEST_SEED, lines: string[] = []): Promise<RunningEmulator> {
  await emulator.close();
  return start(seed, lines);
}

describe("state file", () => {
  test("created from the seed at start", async () => {
    await start();

    const saved = JSON.parse(readFileSync(stateFile, "utf8"));

    expect(saved.format).toBe("gcore-iam-emulator-state");
    expect(saved.version).toBe(1);
    expect(saved.users.map((user: { id: number }) => user.id)).toEqual([42, 43, 77]);
    expect(saved.usedRefreshTokens).toEqual([]);
  });

  test("holds no plain password or token", async () => {
    const emulator = await start();
    await call(emulator.url, "PUT", "/iam/users/42/password", {
      body: { old: "Owner-Start-1", new: "Owner-Persisted-2", double: "Owner-Persisted-2" },
      authorization: `APIKey ${OWNER_TOKEN}`,
    });

    const text = readFileSync(stateFile, "utf8");

    for (const secret of ["Owner-Start-1", "Owner-Persisted-2", "Colleague-Start-1", OWNER_TOKEN]) {
      expect({ secret: secret.slice(0, 3), found: text.includes(secret) }).toEqual({ secret: secret.slice(0, 3), found: false });
    }
  });

  test("is readable by its owner only", async () => {
    await start();

    expect(statSync(stateFile).mode & 0o777).toBe(0o600);
  });

  test("password change survives a restart", async () => {
    const first = await start();
    const change = await call(first.url, "PUT", "/iam/users/42/password", {
      body: { old: "Owner-Start-1", new: "Owner-Persisted-2", double: "Owner-Persisted-2" },
      authorization: `APIKey ${OWNER_TOKEN}`,
    });

    const second = await restart(first);

    expect(change.status).toBe(200);
    expect(second.passwordMatches(42, "Owner-Persisted-2")).toBe(true);
    expect(second.passwordMatches(42, "Owner-Start-1")).toBe(false);
    expect((await call(second.url, "POST", "/iam/auth/jwt/login", { body: { username: "owner@example.com", password: "Owner-Start-1" } })).status).toBe(401);
  });

  test("tokens and signing key survive", async () => {
    const first = await start();
    const tokens = await login(first.url, "owner@example.com", "Owner-Start-1");

    const second = await restart(first);
    const withAccess = await call(second.url, "GET", "/iam/users/42", { authorization: `Bearer ${tokens.access}` });
    const withApiKey = await call(second.url, "GET", "/iam/users/42", { authorization: `APIKey ${OWNER_TOKEN}` });
    const refreshed = await call(second.url, "POST", "/iam/auth/jwt/refresh", { body: { refresh: tokens.refresh } });

    expect(second.publicKeyPem).toBe(first.publicKeyPem);
    expect(withAccess.status).toBe(200);
    expect(withApiKey.status).toBe(200);
    expect(refreshed.status).toBe(200);
  });

  test("used refresh token stays used", async () => {
    const first = await start();
    const tokens = await login(first.url, "owner@example.com", "Owner-Start-1");
    await call(first.url, "POST", "/iam/auth/jwt/refresh", { body: { refresh: tokens.refresh } });

    const second = await restart(first);
    const reused = await call(second.url, "POST", "/iam/auth/jwt/refresh", { body: { refresh: tokens.refresh } });

    expect(reused.status).toBe(401);
    expect(reused.body).toEqual({ detail: "Token is blacklisted", code: "token_not_valid" });
  });

  test("existing file wins over the seed", async () => {
    const first = await start();
    const lines: string[] = [];

    const second = await restart(first, OTHER_SEED, lines);

    expect(second.passwordMatches(42, "Owner-Start-1")).toBe(true);
    expect(second.passwordMatches(5, "Other-Start-1")).toBe(false);
    expect(lines).toContain(`state: loaded 3 users from ${stateFile}, the seed is ignored`);
  });

  test("leaves no temporary files", async () => {
    const emulator = await start();
    for (let index = 0; index < 3; index++) {
      await login(emulator.url, "owner@example.com", "Owner-Start-1").then((tokens) =>
        call(emulator.url, "POST", "/iam/auth/jwt/refresh", { body: { refresh: tokens.refresh } }),
      );
    }

    expect(readdirSync(directory)).toEqual(["state.json"]);
    expect(JSON.parse(readFileSync(stateFile, "utf8")).usedRefreshTokens).toHaveLength(3);
  });

  test("without stateFile nothing is written", async () => {
    const emulator = await startEmulator({ seed: TEST_SEED });
    running.push(emulator);

    expect(readdirSync(directory)).toEqual([]);
  });

  test.each([
    ["not JSON", "{", "is not valid JSON"],
    ["another format", JSON.stringify({ format: "x" }), "format must be \"gcore-iam-emulator-state\""],
    ["another version", JSON.stringify({ format: "gcore-iam-emulator-state", version: 2 }), "version must be 1"],
    [
      "a bad key",
      JSON.stringify({ format: "gcore-iam-emulator-state", version: 1, signingKey: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", users: [], apiTokens: [], usedRefreshTokens: [] }),
      "signingKey is not an RSA private key",
    ],
  ])("file with %s is a StateFileError", async (_case, text, message) => {
    writeFileSync(stateFile, text);

    const starting = startEmulator({ seed: TEST_SEED, stateFile });

    await expect(starting).rejects.toBeInstanceOf(StateFileError);
    await expect(starting).rejects.toThrow(message);
  });

  test("bad user field names it", async () => {
    await start().then((emulator) => emulator.close());
    const saved = JSON.parse(readFileSync(stateFile, "utf8"));
    saved.users[1].passwordHash = "short";
    writeFileSync(stateFile, JSON.stringify(saved));

    await expect(startEmulator({ seed: TEST_SEED, stateFile })).rejects.toThrow(`Invalid emulator state file ${stateFile}: users[1].passwordHash must be base64 of 64 bytes.`);
  });

  test("unwritable folder is a StateFileError", async () => {
    const missingFolder = path.join(directory, "missing", "state.json");

    await expect(startEmulator({ seed: TEST_SEED, stateFile: missingFolder })).rejects.toThrow(
      `Cannot write emulator state file ${missingFolder} (ENOENT). Check that its folder exists and is writable.`,
    );
  });
});
