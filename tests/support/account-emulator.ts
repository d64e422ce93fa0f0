import { randomBytes } from "node:crypto";

import { startEmulator, type EmulatorSeed, type RunningEmulator } from "../../emulator";
import { canaryPassword, type TestAccount } from "./emulator-fixture";

/** The id of the first seeded user. The ids of the others count up from it. */
const FIRST_USER_ID = 42;
/** The client that owns every seeded user. */
const CLIENT_ID = 1000;

/** A running emulator with any number of accounts of one client, and the lines it logged. */
export interface AccountEmulator {
  emulator: RunningEmulator;
  accounts: TestAccount[];
  /** Every line the emulator logged so far, one per request, fault and lockout change. */
  logLines: string[];
}

/**
 * Starts an emulator on a free loopback port with `count` users of one client, each with its own
 * canary password and permanent API token, and collects the emulator's log.
 */
export async function startAccountEmulator(count: number): Promise<AccountEmulator> {
  const accounts = Array.from({ length: count }, (_, index) => newAccount(FIRST_USER_ID + index));
  const seed: EmulatorSeed = {
    clients: [{ id: CLIENT_ID, name: "Test Company" }],
    users: accounts.map((account) => ({ id: account.userId, email: account.email, password: account.startPassword, clientId: CLIENT_ID })),
    apiTokens: accounts.map((account) => ({ userId: account.userId, token: account.apiKey })),
  };
  const logLines: string[] = [];

  const emulator = await startEmulator({ seed, log: (line) => logLines.push(line) });
  return { emulator, accounts, logLines };
}

/** Sums the requests the emulator has received over every route. */
export function totalRequests(gcore: AccountEmulator): number {
  return Object.values(gcore.emulator.requestCounts()).reduce((sum, count) => sum + count, 0);
}

/** Returns an API token in Gcore's `<id>_<hex>` format that no seeded user owns. */
export function unknownApiKey(): string {
  return `9${randomBytes(2).readUInt16BE(0)}_${randomBytes(20).toString("hex")}`;
}

function newAccount(userId: number): TestAccount {
  return {
    userId,
    email: `user${userId}@example.com`,
    startPassword: canaryPassword(`start${userId}`),
    apiKey: `${userId}_${randomBytes(20).toString("hex")}`,
  };
}
