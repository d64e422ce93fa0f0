import { randomBytes } from "node:crypto";

import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../emulator";

/** The route key the emulator counts password changes under. */
export const CHANGE_ROUTE = "PUT /iam/users/{userId}/password";

/** A seeded account of a test emulator. */
export interface TestAccount {
  userId: number;
  email: string;
  startPassword: string;
  apiKey: string;
}

/** A running emulator with two accounts of one client, each with its own API token. */
export interface TestEmulator {
  emulator: RunningEmulator;
  alice: TestAccount;
  bob: TestAccount;
}

/** Starts an emulator on a free loopback port with fresh passwords and tokens for every call. */
export async function startTestEmulator(options: { log?: (line: string) => void } = {}): Promise<TestEmulator> {
  const alice = account(42, "alice@example.com");
  const bob = account(43, "bob@example.com");
  const seed: EmulatorSeed = {
    clients: [{ id: 1000, name: "Test Company" }],
    users: [alice, bob].map((user) => ({ id: user.userId, email: user.email, password: user.startPassword, clientId: 1000 })),
    apiTokens: [alice, bob].map((user) => ({ userId: user.userId, token: user.apiKey })),
  };

  const emulator = await startEmulator({ seed, log: options.log });
  return { emulator, alice, bob };
}

/** Returns a password no test has used, with a recognizable prefix for leak checks. */
export function canaryPassword(label: string): string {
  return `Canary-${label}-${randomBytes(9).toString("base64url")}`;
}

function account(userId: number, email: string): TestAccount {
  return {
    userId,
    email,
    startPassword: canaryPassword(`start${userId}`),
    apiKey: `${userId}_${randomBytes(20).toString("hex")}`,
  };
}

/**
 * Returns the stack config of a one-account program, such as the rotate-one-user example, for an
 * emulator account: the emulator's URL, the account's API key in `gcore:apiKey`, and `userId` and
 * `currentPassword` under `project`.
 */
export function oneAccountConfig(gcore: TestEmulator, project: string, account: TestAccount = gcore.alice): Record<string, { value: string; secret?: boolean }> {
  return {
    "gcore:baseUrl": { value: gcore.emulator.url },
    "gcore:apiKey": { value: account.apiKey, secret: true },
    [`${project}:userId`]: { value: String(account.userId) },
    [`${project}:currentPassword`]: { value: account.startPassword, secret: true },
  };
}
