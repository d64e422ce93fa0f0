import { looksLikeApiToken } from "./api-token";
import { isGroupName, GROUP_IDS } from "./groups";
import { DEFAULT_CLIENT } from "./seed-defaults";
import type { EmulatorSeed, SeedApiToken, SeedClient, SeedUser } from "./types";

/** Raised for a seed that does not have the documented shape. The message names the field and never contains a password or token. */
export class SeedError extends Error {
  /** Path of the offending field, for example "users[0].email", or "" for the seed as a whole. */
  readonly field: string;

  constructor(message: string, field: string) {
    super(message);
    this.name = "SeedError";
    this.field = field;
  }
}

type JsonObject = Record<string, unknown>;

/**
 * Checks that `value` is a complete emulator seed and returns a copy typed as `EmulatorSeed`.
 * `source` names where the seed came from ("options.seed", a file path) for the error message.
 * Throws a `SeedError` at the first problem found.
 */
export function validateSeed(value: unknown, source: string): EmulatorSeed {
  const fail = (field: string, problem: string): never => {
    const where = field === "" ? "the seed" : field;
    throw new SeedError(`Invalid emulator seed in ${source}: ${where} ${problem}.`, field);
  };

  const root = requireObject(value, "", ["clients", "users", "apiTokens"], fail);

  const clients = optionalArray(root.clients, "clients", fail).map((item, index) =>
    validateClient(item, `clients[${index}]`, fail),
  );
  rejectDuplicates(clients.map((client) => client.id), "clients", "id", fail);
  const clientIds = new Set([DEFAULT_CLIENT.id, ...clients.map((client) => client.id)]);

  if (root.users === undefined) {
    fail("users", "is missing; expected an array of users");
  }
  const users = optionalArray(root.users, "users", fail).map((item, index) =>
    validateUser(item, `users[${index}]`, clientIds, fail),
  );
  rejectDuplicates(users.map((user) => user.id), "users", "id", fail);
  rejectDuplicates(users.map((user) => user.email.toLowerCase()), "users", "email", fail);
  const userIds = new Set(users.map((user) => user.id));

  const apiTokens = optionalArray(root.apiTokens, "apiTokens", fail).map((item, index) =>
    validateApiToken(item, `apiTokens[${index}]`, userIds, fail),
  );
  rejectDuplicates(apiTokens.map((token) => token.token), "apiTokens", "token", fail, { secret: true });

  return { clients, users, apiTokens };
}

type Fail = (field: string, problem: string) => never;

function validateClient(value: unknown, path: string, fail: Fail): SeedClient {
  const entry = requireObject(value, path, ["id", "name"], fail);

  return {
    id: requirePositiveInteger(entry.id, `${path}.id`, fail),
    name: requireNonEmptyString(entry.name, `${path}.name`, fail, { secret: false }),
  };
}

function validateUser(value: unknown, path: string, clientIds: Set<number>, fail: Fail): SeedUser {
  const entry = requireObject(value, path, ["id", "email", "password", "clientId", "name", "groups", "isAdmin"], fail);

  const id = requirePositiveInteger(entry.id, `${path}.id`, fail);
  const email = requireNonEmptyString(entry.email, `${path}.email`, fail, { secret: false });
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    // Not quoted: a password pasted into the wrong field would otherwise reach the terminal.
    fail(`${path}.email`, `must be an e-mail address such as "user@example.com": one "@" and no white space`);
  }
  const password = requireNonEmptyString(entry.password, `${path}.password`, fail, { secret: true });
  const user: SeedUser = { id, email, password };

  if (entry.clientId !== undefined) {
    user.clientId = requirePositiveInteger(entry.clientId, `${path}.clientId`, fail);
    if (!clientIds.has(user.clientId)) {
      fail(`${path}.clientId`, `refers to client ${user.clientId}, which is not listed in "clients"`);
    }
  }
  if (entry.name !== undefined) {
    if (entry.name !== null && typeof entry.name !== "string") {
      fail(`${path}.name`, `must be a string or null, got ${describeValue(entry.name, false)}`);
    }
    user.name = entry.name as string | null;
  }
  if (entry.groups !== undefined) {
    user.groups = validateGroups(entry.groups, `${path}.groups`, fail);
  }
  if (entry.isAdmin !== undefined) {
    if (typeof entry.isAdmin !== "boolean") {
      fail(`${path}.isAdmin`, `must be true or false, got ${describeValue(entry.isAdmin, false)}`);
    }
    user.isAdmin = entry.isAdmin as boolean;
  }

  return user;
}

function validateGroups(value: unknown, path: string, fail: Fail): string[] {
  if (!Array.isArray(value)) {
    return fail(path, `must be an array of group names, got ${describeValue(value, false)}`);
  }

  const known = Object.keys(GROUP_IDS).map((name) => JSON.stringify(name)).join(", ");
  value.forEach((name, index) => {
    if (typeof name !== "string" || !isGroupName(name)) {
      fail(`${path}[${index}]`, `must be one of ${known}, got ${describeValue(name, false)}`);
    }
  });
  rejectDuplicates(value as string[], path, "", fail);

  return [...(value as string[])];
}

function validateApiToken(value: unknown, path: string, userIds: Set<number>, fail: Fail): SeedApiToken {
  const entry = requireObject(value, path, ["userId", "token"], fail);

  const userId = requirePositiveInteger(entry.userId, `${path}.userId`, fail);
  if (!userIds.has(userId)) {
    fail(`${path}.userId`, `refers to user ${userId}, which is not listed in "users"`);
  }
  const token = requireNonEmptyString(entry.token, `${path}.token`, fail, { secret: true });
  if (!looksLikeApiToken(token)) {
    fail(`${path}.token`, "must have the form <id>_<hex> (or the legacy <id>$<hex>), for example 7_0123abcd");
  }

  return { userId, token };
}

function requireObject(value: unknown, path: string, allowedKeys: string[], fail: Fail): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail(path, `must be a JSON object, got ${describeValue(value, false)}`);
  }

  // Unknown keys are rejected so that a misspelled optional field ("clientID") is not silently ignored.
  for (const key of Object.keys(value)) {
    if (!allowedKeys.includes(key)) {
      const prefix = path === "" ? "" : `${path}.`;
      fail(`${prefix}${key}`, `is not a known field; expected one of ${allowedKeys.join(", ")}`);
    }
  }

  return value as JsonObject;
}

function optionalArray(value: unknown, path: string, fail: Fail): unknown[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    return fail(path, `must be an array, got ${describeValue(value, false)}`);
  }

  return value;
}

function requirePositiveInteger(value: unknown, path: string, fail: Fail): number {
  if (value === undefined) {
    return fail(path, "is missing; expected a positive integer");
  }
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    return fail(path, `must be a positive integer, got ${describeValue(value, false)}`);
  }

  return value;
}

function requireNonEmptyString(value: unknown, path: string, fail: Fail, options: { secret: boolean }): string {
  if (value === undefined) {
    return fail(path, "is missing; expected a non-empty string");
  }
  if (typeof value !== "string") {
    return fail(path, `must be a non-empty string, got ${describeValue(value, options.secret)}`);
  }
  if (value === "") {
    return fail(path, "must not be empty");
  }

  return value;
}

function rejectDuplicates<T>(
  values: T[],
  arrayPath: string,
  key: string,
  fail: Fail,
  options: { secret: boolean } = { secret: false },
): void {
  const firstIndex = new Map<T, number>();

  values.forEach((value, index) => {
    const earlier = firstIndex.get(value);
    if (earlier === undefined) {
      firstIndex.set(value, index);
      return;
    }

    const field = key === "" ? `${arrayPath}[${index}]` : `${arrayPath}[${index}].${key}`;
    const displayedValue = options.secret ? "the same value" : JSON.stringify(value);
    fail(field, `repeats ${displayedValue} from ${arrayPath}[${earlier}]; each entry must be unique`);
  });
}

/** Describes a bad value for an error message: the value itself, or only its JSON type when it may be a secret. */
function describeValue(value: unknown, secret: boolean): string {
  if (!secret) {
    return JSON.stringify(value);
  }
  if (value === null) {
    return "null";
  }

  if (Array.isArray(value)) {
    return "an array";
  }

  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
