import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

/** Value of the `format` field, which distinguishes a state file from other JSON. */
const STATE_FORMAT = "gcore-iam-emulator-state";

/** Version of the layout below. A file of another version is rejected rather than guessed at. */
const STATE_VERSION = 1;

/** A user as the state file stores it: the password only as an scrypt salt and hash. */
export interface PersistedUser {
  id: number;
  email: string;
  name: string | null;
  clientId: number;
  clientName: string;
  groups: string[];
  isAdmin: boolean;
  /** Base64 of the 16-byte scrypt salt. */
  passwordSalt: string;
  /** Base64 of the 64-byte scrypt hash. */
  passwordHash: string;
}

/** Everything the emulator keeps across restarts. */
export interface PersistedState {
  /** RSA private key (PKCS #8 PEM) that signs and verifies every JWT, so that tokens survive a restart. */
  signingKey: string;
  users: PersistedUser[];
  /** Permanent API tokens as SHA-256 hex digests, never in plain text. */
  apiTokens: Array<{ userId: number; sha256: string }>;
  /** Refresh tokens already exchanged, by `jti`, with their expiry in seconds since the epoch. */
  usedRefreshTokens: Array<{ jti: string; exp: number }>;
}

/** Raised for a state file that cannot be read or does not have the documented layout. The message names the file and the field. */
export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateFileError";
  }
}

/**
 * Reads a state file, or returns undefined when it does not exist. Throws a `StateFileError` for an
 * unreadable or invalid file. Parser messages are left out because they can quote the file's text.
 */
export function readStateFile(file: string): PersistedState | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    if (code === "ENOENT") {
      return undefined;
    }
    throw new StateFileError(`Cannot read emulator state file ${file} (${code}). Check the path and its permissions.`);
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StateFileError(`Emulator state file ${file} is not valid JSON. Delete it to start again from the seed.`);
  }

  return validateState(value, file);
}

/**
 * Writes the state atomically: to a temporary file in the same folder, flushed to disk, then renamed
 * over `file`, so that a crash leaves either the old or the new state and never half of one. The file
 * is readable only by its owner, because it contains the signing key and password hashes.
 */
export function writeStateFile(file: string, state: PersistedState): void {
  const text = `${JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION, ...state }, null, 2)}\n`;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);

  try {
    const descriptor = openSync(temporary, "w", 0o600);
    try {
      writeSync(descriptor, text);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new StateFileError(`Cannot write emulator state file ${file} (${code}). Check that its folder exists and is writable.`);
  }
}

type Fail = (field: string, problem: string) => never;

/** Checks the layout of a parsed state file and returns it typed. Throws a `StateFileError` at the first problem. */
function validateState(value: unknown, file: string): PersistedState {
  const fail: Fail = (field, problem) => {
    throw new StateFileError(`Invalid emulator state file ${file}: ${field} ${problem}. Delete the file to start again from the seed.`);
  };

  const root = requireRecord(value, "the file", fail);
  if (root.format !== STATE_FORMAT) {
    fail("format", `must be "${STATE_FORMAT}"`);
  }
  if (root.version !== STATE_VERSION) {
    fail("version", `must be ${STATE_VERSION}, the only version this emulator reads`);
  }
  if (typeof root.signingKey !== "string" || !root.signingKey.includes("PRIVATE KEY")) {
    fail("signingKey", "must be a PEM private key");
  }

  return {
    signingKey: root.signingKey as string,
    users: requireArray(root.users, "users", fail).map((item, index) => validateUser(item, `users[${index}]`, fail)),
    apiTokens: requireArray(root.apiTokens, "apiTokens", fail).map((item, index) => {
      const field = `apiTokens[${index}]`;
      const token = requireRecord(item, field, fail);
      return { userId: requireInteger(token.userId, `${field}.userId`, fail), sha256: requireHex(token.sha256, `${field}.sha256`, 32, fail) };
    }),
    usedRefreshTokens: requireArray(root.usedRefreshTokens, "usedRefreshTokens", fail).map((item, index) => {
      const field = `usedRefreshTokens[${index}]`;
      const used = requireRecord(item, field, fail);
      return { jti: requireString(used.jti, `${field}.jti`, fail), exp: requireInteger(used.exp, `${field}.exp`, fail) };
    }),
  };
}

function validateUser(value: unknown, field: string, fail: Fail): PersistedUser {
  const user = requireRecord(value, field, fail);
  if (user.name !== null && typeof user.name !== "string") {
    fail(`${field}.name`, "must be a string or null");
  }
  const groups = requireArray(user.groups, `${field}.groups`, fail).map((group, index) => requireString(group, `${field}.groups[${index}]`, fail));
  if (typeof user.isAdmin !== "boolean") {
    fail(`${field}.isAdmin`, "must be true or false");
  }

  return {
    id: requireInteger(user.id, `${field}.id`, fail),
    email: requireString(user.email, `${field}.email`, fail),
    name: user.name as string | null,
    clientId: requireInteger(user.clientId, `${field}.clientId`, fail),
    clientName: requireString(user.clientName, `${field}.clientName`, fail),
    groups,
    isAdmin: user.isAdmin as boolean,
    passwordSalt: requireBase64(user.passwordSalt, `${field}.passwordSalt`, 16, fail),
    passwordHash: requireBase64(user.passwordHash, `${field}.passwordHash`, 64, fail),
  };
}

function requireRecord(value: unknown, field: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(field, "must be a JSON object");
  }
  return value as Record<string, unknown>;
}

function requireArray(value: unknown, field: string, fail: Fail): unknown[] {
  if (!Array.isArray(value)) {
    fail(field, "must be an array");
  }
  return value as unknown[];
}

function requireString(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== "string" || value === "") {
    fail(field, "must be a non-empty string");
  }
  return value as string;
}

function requireInteger(value: unknown, field: string, fail: Fail): number {
  if (!Number.isSafeInteger(value)) {
    fail(field, "must be an integer");
  }
  return value as number;
}

function requireHex(value: unknown, field: string, bytes: number, fail: Fail): string {
  if (typeof value !== "string" || !new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(value)) {
    fail(field, `must be ${bytes * 2} lowercase hex digits`);
  }
  return value as string;
}

function requireBase64(value: unknown, field: string, bytes: number, fail: Fail): string {
  if (typeof value !== "string" || Buffer.from(value, "base64").length !== bytes || !/^[A-Za-z0-9+/]+=*$/.test(value)) {
    fail(field, `must be base64 of ${bytes} bytes`);
  }
  return value as string;
}
