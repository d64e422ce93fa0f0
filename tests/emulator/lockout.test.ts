import { InvalidSettingError, startEmulator, type RunningEmulator } from "../../emulator";
import { FakeClock } from "./support/fake-clock";
import { call } from "./support/http";
import { OWNER_TOKEN, TEST_SEED } from "./support/test-seed";

const LOCKED_BODY = { detail: "User is locked after too many failed attempts." };

let emulator: RunningEmulator;
let lines: string[];

beforeEach(async () => {
  lines = [];
  emulator = await startEmulator({ seed: TEST_SEED, now: new FakeClock().now, log: (line) => lines.push(line) });
});

afterEach(async () => {
  await emulator.close();
});

function logIn(password: string) {
  return call(emulator.url, "POST", "/iam/auth/jwt/login", { body: { username: "owner@example.com", password } });
}

function changeOwnPassword(oldPassword: string, newPassword: string) {
  return call(emulator.url, "PUT", "/iam/users/42/password", {
    body: { old: oldPassword, new: newPassword, double: newPassword },
    authorization: `APIKey ${OWNER_TOKEN}`,
  });
}

async function putLockout(policy: unknown) {
  return call(emulator.url, "PUT", "/__emulator/lockout", { body: policy });
}

describe("lockout", () => {
  test("off by default", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await logIn("wrong")).status).toBe(401);
    }

    expect((await logIn("Owner-Start-1")).status).toBe(200);
    expect((await call(emulator.url, "GET", "/__emulator/lockout")).body).toEqual({ maxFailedAttempts: null, lockedUserIds: [] });
  });

  test("failed logins lock the user", async () => {
    const set = await putLockout({ maxFailedAttempts: 2 });

    const first = await logIn("wrong");
    const second = await logIn("wrong");
    const right = await logIn("Owner-Start-1");

    expect(set.status).toBe(200);
    expect(set.body).toEqual({ maxFailedAttempts: 2, lockedUserIds: [] });
    expect(first.status).toBe(401);
    expect(second.status).toBe(401);
    expect(right.status).toBe(403);
    expect(right.body).toEqual(LOCKED_BODY);
    expect(emulator.lockedUserIds()).toEqual([42]);
    expect((await call(emulator.url, "GET", "/__emulator/lockout")).body).toEqual({ maxFailedAttempts: 2, lockedUserIds: [42] });
    expect(lines).toContain("lockout: user 42 locked after 2 failed attempts");
  });

  test("locked user cannot change password", async () => {
    emulator.setLockout({ maxFailedAttempts: 1 });
    await logIn("wrong");

    const change = await changeOwnPassword("Owner-Start-1", "Owner-Next-2");

    expect(change.status).toBe(403);
    expect(change.body).toEqual(LOCKED_BODY);
    expect(emulator.passwordMatches(42, "Owner-Start-1")).toBe(true);
  });

  test("wrong old password counts", async () => {
    emulator.setLockout({ maxFailedAttempts: 2 });

    const first = await changeOwnPassword("wrong", "Owner-Next-2");
    const second = await changeOwnPassword("wrong", "Owner-Next-2");
    const right = await changeOwnPassword("Owner-Start-1", "Owner-Next-2");

    expect(first.status).toBe(400);
    expect(second.status).toBe(400);
    expect(right.status).toBe(403);
    expect(emulator.lockedUserIds()).toEqual([42]);
  });

  test("mismatched double does not count", async () => {
    emulator.setLockout({ maxFailedAttempts: 1 });

    const mismatch = await call(emulator.url, "PUT", "/iam/users/42/password", {
      body: { old: "Owner-Start-1", new: "Owner-Next-2", double: "Owner-Other-2" },
      authorization: `APIKey ${OWNER_TOKEN}`,
    });

    expect(mismatch.status).toBe(400);
    expect(emulator.lockedUserIds()).toEqual([]);
  });

  test("success resets the count", async () => {
    emulator.setLockout({ maxFailedAttempts: 2 });

    await logIn("wrong");
    expect((await logIn("Owner-Start-1")).status).toBe(200);
    await logIn("wrong");

    expect(emulator.lockedUserIds()).toEqual([]);
    expect((await logIn("Owner-Start-1")).status).toBe(200);
  });

  test("counts are per user", async () => {
    emulator.setLockout({ maxFailedAttempts: 1 });

    await logIn("wrong");
    const colleague = await call(emulator.url, "POST", "/iam/auth/jwt/login", { body: { username: "colleague@example.com", password: "Colleague-Start-1" } });

    expect(colleague.status).toBe(200);
    expect(emulator.lockedUserIds()).toEqual([42]);
  });

  test("unknown username counts for nobody", async () => {
    emulator.setLockout({ maxFailedAttempts: 1 });

    const response = await call(emulator.url, "POST", "/iam/auth/jwt/login", { body: { username: "ghost@example.com", password: "x" } });

    expect(response.status).toBe(401);
    expect(emulator.lockedUserIds()).toEqual([]);
  });

  test("PUT {} turns lockout off and unlocks", async () => {
    await putLockout({ maxFailedAttempts: 1 });
    await logIn("wrong");

    const off = await putLockout({});

    expect(off.body).toEqual({ maxFailedAttempts: null, lockedUserIds: [] });
    expect((await logIn("Owner-Start-1")).status).toBe(200);
  });

  test("setLockout(undefined) unlocks", async () => {
    emulator.setLockout({ maxFailedAttempts: 1 });
    await logIn("wrong");

    emulator.setLockout(undefined);

    expect(emulator.lockedUserIds()).toEqual([]);
    expect((await logIn("Owner-Start-1")).status).toBe(200);
  });

  test("lockout option applies from the start", async () => {
    const strict = await startEmulator({ seed: TEST_SEED, lockout: { maxFailedAttempts: 1 } });
    try {
      await call(strict.url, "POST", "/iam/auth/jwt/login", { body: { username: "owner@example.com", password: "wrong" } });

      expect(strict.lockedUserIds()).toEqual([42]);
    } finally {
      await strict.close();
    }
  });

  test.each([
    ["zero", { maxFailedAttempts: 0 }],
    ["fraction", { maxFailedAttempts: 1.5 }],
    ["string", { maxFailedAttempts: "3" }],
    ["unknown field", { maxFailedAttempts: 3, window: 60 }],
  ])("invalid policy %s is 400", async (_case, policy) => {
    const response = await putLockout(policy);

    expect(response.status).toBe(400);
    expect(() => emulator.setLockout(policy as { maxFailedAttempts: number })).toThrow(InvalidSettingError);
  });

  test("admin requests are not counted", async () => {
    await putLockout({ maxFailedAttempts: 3 });
    await call(emulator.url, "GET", "/__emulator/lockout");

    expect(Object.values(emulator.requestCounts()).every((count) => count === 0)).toBe(true);
  });
});
