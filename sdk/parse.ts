import type { GcoreUser, TokenPair } from "./types";

/**
 * Signals a 2xx body of the wrong shape. The message names the field and the expected type,
 * never a value, because the body may contain tokens.
 */
export class UnexpectedBodyError extends Error {
  override name = "UnexpectedBodyError";
}

/** Tells whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads `{access, refresh}` from a login, refresh or password-change response. Extra fields are dropped. */
export function readTokenPair(body: unknown): TokenPair {
  if (!isRecord(body)) {
    throw new UnexpectedBodyError("the body is not a JSON object");
  }
  for (const field of ["access", "refresh"] as const) {
    if (typeof body[field] !== "string" || body[field] === "") {
      throw new UnexpectedBodyError(`field "${field}" is missing or not a non-empty string`);
    }
  }
  return { access: body.access as string, refresh: body.refresh as string };
}

const isString = (value: unknown): boolean => typeof value === "string";
const isNullableString = (value: unknown): boolean => value === null || typeof value === "string";
const isBoolean = (value: unknown): boolean => typeof value === "boolean";
const isInteger = (value: unknown): boolean => Number.isInteger(value);
const isStringList = (value: unknown): boolean => Array.isArray(value) && value.every(isString);
const isGroupList = (value: unknown): boolean =>
  Array.isArray(value) && value.every((group) => isRecord(group) && isInteger(group.id) && isString(group.name));

/** Type check and expected type, for messages, of each `GcoreUser` field. */
const USER_FIELDS: Record<keyof GcoreUser, [check: (value: unknown) => boolean, expected: string]> = {
  id: [isInteger, "an integer"],
  email: [isString, "a string"],
  name: [isNullableString, "a string or null"],
  lang: [isString, "a string"],
  phone: [isNullableString, "a string or null"],
  company: [isString, "a string"],
  reseller: [isInteger, "an integer"],
  client: [isInteger, "an integer"],
  deleted: [isBoolean, "a boolean"],
  groups: [isGroupList, "a list of {id, name}"],
  activated: [isBoolean, "a boolean"],
  sso_auth: [isBoolean, "a boolean"],
  two_fa: [isBoolean, "a boolean"],
  auth_types: [isStringList, "a list of strings"],
  user_type: [isString, "a string"],
  is_active: [isBoolean, "a boolean"],
};

const REQUIRED_USER_FIELDS: ReadonlyArray<keyof GcoreUser> = ["id", "email"];

/**
 * Reads a `GcoreUser` from a `GET /iam/users/{userId}` response. Checks the type of every known
 * field that is present, requires `id` and `email`, reads a missing `name` as null and drops unknown fields.
 */
export function readUser(body: unknown): GcoreUser {
  if (!isRecord(body)) {
    throw new UnexpectedBodyError("the body is not a JSON object");
  }
  for (const field of REQUIRED_USER_FIELDS) {
    if (body[field] === undefined) {
      throw new UnexpectedBodyError(`field "${field}" is missing`);
    }
  }

  const user: Record<string, unknown> = { name: null };
  for (const [field, [check, expected]] of Object.entries(USER_FIELDS)) {
    const value = body[field];
    if (value === undefined) {
      continue;
    }
    if (!check(value)) {
      throw new UnexpectedBodyError(`field "${field}" is not ${expected}`);
    }
    user[field] = value;
  }
  return user as unknown as GcoreUser;
}
