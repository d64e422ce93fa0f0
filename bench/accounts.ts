import { randomBytes } from "node:crypto";

import type { EmulatorSeed } from "../emulator";

/** One Gcore user of a benchmark, with the password the emulator holds for it now. */
export interface BenchAccount {
  userId: number;
  email: string;
  /** The user's own permanent API token: a token may change only its own user's password. */
  apiKey: string;
  /** The password the account has now; every phase that changes it updates this field. */
  password: string;
}

/** The id of the first benchmark user; the others follow it. */
const FIRST_USER_ID = 1001;

/** Creates `count` accounts with fresh random passwords and API tokens. */
export function createAccounts(count: number): BenchAccount[] {
  return Array.from({ length: count }, (_, index) => {
    const userId = FIRST_USER_ID + index;
    return { userId, email: `user${userId}@bench.example`, apiKey: `${userId}_${randomBytes(20).toString("hex")}`, password: newPassword() };
  });
}

/** Returns the emulator seed that contains these accounts, all in client 1000. */
export function seedFor(accounts: readonly BenchAccount[]): EmulatorSeed {
  return {
    users: accounts.map((account) => ({ id: account.userId, email: account.email, password: account.password, clientId: 1000 })),
    apiTokens: accounts.map((account) => ({ userId: account.userId, token: account.apiKey })),
  };
}

/** Returns a random password of the length a password manager would generate. */
export function newPassword(): string {
  return `Bench-${randomBytes(18).toString("base64url")}`;
}
