import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_SEED, loadSeedFile, SeedError, startEmulator, type EmulatorSeed } from "../../emulator";
import { call } from "./support/http";

const CANARY_PASSWORD = "Canary-Password-7f3a";
const CANARY_TOKEN = "9_c0ffee00c0ffee00";

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), "emulator-seed-"));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function writeSeed(name: string, content: unknown): string {
  const file = path.join(directory, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

function validSeed(): any {
  return {
    clients: [{ id: 1000, name: "Example Company" }, { id: 2000, name: "Other Company" }],
    users: [
      { id: 42, email: "owner@example.com", password: CANARY_PASSWORD, clientId: 1000, name: "Owner", groups: ["Administrators"], isAdmin: true },
      { id: 43, email: "colleague@example.com", password: CANARY_PASSWORD },
    ],
    apiTokens: [{ userId: 42, token: CANARY_TOKEN }],
  };
}

/** Returns the error that `loadSeedFile` throws for a seed with `change` applied. */
function loadError(change: (seed: any) => void): SeedError {
  const seed = validSeed();
  change(seed);
  const file = writeSeed("seed.json", seed);
  try {
    loadSeedFile(file);
  } catch (error) {
    return error as SeedError;
  }
  throw new Error("loadSeedFile accepted an invalid seed");
}

describe("loadSeedFile", () => {
  test("valid file is loaded", () => {
    const file = writeSeed("valid.json", validSeed());

    expect(loadSeedFile(file)).toEqual(validSeed());
  });

  test("minimal file is loaded", () => {
    const file = writeSeed("minimal.json", { users: [{ id: 5, email: "a@example.com", password: "p" }] });

    expect(loadSeedFile(file)).toEqual({ clients: [], users: [{ id: 5, email: "a@example.com", password: "p" }], apiTokens: [] });
  });

  test.each<[string, string, (seed: any) => void]>([
    ["users missing", "users", (seed) => delete seed.users],
    ["users not an array", "users", (seed) => (seed.users = {})],
    ["unknown root field", "tokens", (seed) => (seed.tokens = [])],
    ["client id not integer", "clients[1].id", (seed) => (seed.clients[1].id = "2000")],
    ["client name empty", "clients[0].name", (seed) => (seed.clients[0].name = "")],
    ["duplicate client id", "clients[1].id", (seed) => (seed.clients[1].id = 1000)],
    ["user not an object", "users[1]", (seed) => (seed.users[1] = "colleague")],
    ["user id missing", "users[1].id", (seed) => delete seed.users[1].id],
    ["user id negative", "users[1].id", (seed) => (seed.users[1].id = -3)],
    ["user id fractional", "users[1].id", (seed) => (seed.users[1].id = 4.5)],
    ["duplicate user id", "users[1].id", (seed) => (seed.users[1].id = 42)],
    ["email missing", "users[0].email", (seed) => delete seed.users[0].email],
    ["email without at sign", "users[0].email", (seed) => (seed.users[0].email = "owner")],
    ["password pasted as email", "users[0].email", (seed) => (seed.users[0].email = CANARY_PASSWORD)],
    ["duplicate email", "users[1].email", (seed) => (seed.users[1].email = "OWNER@example.com")],
    ["password missing", "users[0].password", (seed) => delete seed.users[0].password],
    ["password empty", "users[0].password", (seed) => (seed.users[0].password = "")],
    ["password not a string", "users[0].password", (seed) => (seed.users[0].password = 1234)],
    ["unknown client", "users[0].clientId", (seed) => (seed.users[0].clientId = 3000)],
    ["misspelled field", "users[0].clientID", (seed) => (seed.users[0].clientID = 1000)],
    ["name not a string", "users[0].name", (seed) => (seed.users[0].name = 5)],
    ["groups not an array", "users[0].groups", (seed) => (seed.users[0].groups = "Administrators")],
    ["unknown group", "users[0].groups[0]", (seed) => (seed.users[0].groups = ["Admins"])],
    ["duplicate group", "users[0].groups[1]", (seed) => (seed.users[0].groups = ["Users", "Users"])],
    ["isAdmin not boolean", "users[0].isAdmin", (seed) => (seed.users[0].isAdmin = "yes")],
    ["token for unknown user", "apiTokens[0].userId", (seed) => (seed.apiTokens[0].userId = 99)],
    ["token malformed", "apiTokens[0].token", (seed) => (seed.apiTokens[0].token = "Canary-Token-Malformed")],
    ["duplicate token", "apiTokens[1].token", (seed) => seed.apiTokens.push({ userId: 43, token: CANARY_TOKEN })],
  ])("%s names %s", (_name, field, change) => {
    const error = loadError(change);

    expect(error).toBeInstanceOf(SeedError);
    expect(error.name).toBe("SeedError");
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message.includes(CANARY_PASSWORD)).toBe(false);
    expect(error.message.includes(CANARY_TOKEN)).toBe(false);
    expect(error.message.includes("Canary-Token-Malformed")).toBe(false);
  });

  test("empty user list is accepted", () => {
    const file = writeSeed("empty.json", { users: [] });

    expect(loadSeedFile(file).users).toEqual([]);
  });

  test("non-object root names the seed", () => {
    const file = writeSeed("array.json", []);

    expect(() => loadSeedFile(file)).toThrow(`Invalid emulator seed in ${file}: the seed must be a JSON object, got [].`);
  });

  test("message quotes non-secret values", () => {
    const error = loadError((seed) => (seed.users[1].id = "43"));

    expect(error.message).toBe(`Invalid emulator seed in ${path.join(directory, "seed.json")}: users[1].id must be a positive integer, got "43".`);
  });

  test("missing file names the path", () => {
    const file = path.join(directory, "does-not-exist.json");

    expect(() => loadSeedFile(file)).toThrow(`Cannot read emulator seed file ${file} (ENOENT)`);
  });

  test("invalid JSON hides the file text", () => {
    const file = writeSeed("broken.json", `{"users": [{"id": 1, "email": "a@example.com", "password": "${CANARY_PASSWORD}",}]}`);

    let message = "";
    try {
      loadSeedFile(file);
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain(`Emulator seed file ${file} is not valid JSON`);
    expect(message.includes(CANARY_PASSWORD)).toBe(false);
  });
});

describe("startEmulator seeding", () => {
  test("invalid options.seed is rejected", async () => {
    const seed = { users: [{ id: 1, email: "a@example.com", password: CANARY_PASSWORD, groups: ["Root"] }] } as EmulatorSeed;

    const start = startEmulator({ seed });

    await expect(start).rejects.toThrow("Invalid emulator seed in options.seed: users[0].groups[0] must be one of");
    await expect(start).rejects.not.toThrow(CANARY_PASSWORD);
  });

  test("user without client joins client 1000", async () => {
    const emulator = await startEmulator({ seed: { users: [{ id: 5, email: "a@example.com", password: "Start-1" }], apiTokens: [{ userId: 5, token: "1_ab" }] } });
    try {
      const response = await call(emulator.url, "GET", "/iam/users/5", { authorization: "APIKey 1_ab" });

      expect(response.body.client).toBe(1000);
      expect(response.body.company).toBe("Example Company");
    } finally {
      await emulator.close();
    }
  });

  test("seed is copied at start", async () => {
    const seed: EmulatorSeed = { users: [{ id: 5, email: "a@example.com", password: "Start-1" }] };
    const emulator = await startEmulator({ seed });
    try {
      seed.users[0].password = "Changed-Later";

      expect(emulator.passwordMatches(5, "Start-1")).toBe(true);
    } finally {
      await emulator.close();
    }
  });
});

describe("DEMO_SEED", () => {
  test("is the default seed", async () => {
    const emulator = await startEmulator();
    try {
      const login = await call(emulator.url, "POST", "/iam/auth/jwt/login", {
        body: { username: "demo@example.com", password: "Demo-Start-Password-1" },
      });
      const user = await call(emulator.url, "GET", "/iam/users/42", { authorization: `APIKey ${DEMO_SEED.apiTokens?.[0].token}` });

      expect(login.status).toBe(200);
      expect(user.status).toBe(200);
      expect(user.body).toMatchObject({ id: 42, email: "demo@example.com", name: "Demo", client: 1000 });
    } finally {
      await emulator.close();
    }
  });

  test("has the documented user", () => {
    expect(DEMO_SEED.users).toEqual([
      expect.objectContaining({ id: 42, email: "demo@example.com", password: "Demo-Start-Password-1", isAdmin: true }),
    ]);
    expect(DEMO_SEED.apiTokens).toHaveLength(1);
  });

  test("is frozen", () => {
    expect(Object.isFrozen(DEMO_SEED)).toBe(true);
    expect(Object.isFrozen(DEMO_SEED.users[0])).toBe(true);
  });
});
