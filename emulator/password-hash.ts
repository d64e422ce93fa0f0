import { randomBytes, scrypt, scryptSync, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keyLength: number) => Promise<Buffer>;

const SALT_BYTES = 16;
const KEY_BYTES = 64;

/** A password stored as an scrypt hash with Node's default cost (N=16384, r=8, p=1) and a random salt. */
export interface PasswordHash {
  salt: Buffer;
  hash: Buffer;
}

/** Hashes `password` with a fresh random salt. */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(password, salt, KEY_BYTES);

  return { salt, hash };
}

/** Returns whether `password` produces `stored`, comparing in constant time. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const candidate = await scryptAsync(password, stored.salt, KEY_BYTES);

  return timingSafeEqual(candidate, stored.hash);
}

/** Synchronous `verifyPassword`, for callers that cannot await. */
export function verifyPasswordSync(password: string, stored: PasswordHash): boolean {
  return timingSafeEqual(scryptSync(password, stored.salt, KEY_BYTES), stored.hash);
}
