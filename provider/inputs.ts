import type * as pulumi from "@pulumi/pulumi";

import { annotateRotation, type RotationReason } from "./inputs-version";
import { isUnknown } from "./unknown-value";

export { UNKNOWN_VALUE } from "./unknown-value";

/** Inputs of a `UserPassword` after `check` has validated and normalized them. */
export interface UserPasswordInputs {
  userId: number;
  currentPassword: string;
  password: string;
  /** Set by `check`: how many password values this resource has asked for. */
  passwordVersion: number;
  /** Set by `check`: why the latest password change happens. */
  rotationReason: RotationReason;
  /** Whether `pulumi refresh` checks that the stored password still logs in; unset follows `gcore:verifyOnRefresh`. */
  verifyOnRefresh?: boolean;
  /** Whether creation may take over an account whose password already equals `password`. */
  adopt?: boolean;
  /** A permanent API token of this user; unset uses `gcore:apiKey` or `GCORE_API_KEY`. */
  apiKey?: string;
}

/**
 * Validates the inputs of a `UserPassword` and converts a numeric-string `userId` to a number.
 * `olds` holds the inputs recorded in state and is empty when the resource is being created.
 * Messages name the input and the fix. They quote a bad value only when it cannot be a secret (see
 * `describeBadValue`), because a password or API key wired into the wrong input must not be printed.
 */
export function checkInputs(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const inputs: Record<string, unknown> = { ...news };

  const userId = normalizeUserId(news.userId);
  if ("problem" in userId) {
    failures.push({ property: "userId", reason: userId.problem });
  } else {
    inputs.userId = userId.value;
  }

  const passwordProblem = describePasswordProblem("password", news.password);
  if (passwordProblem) {
    failures.push({ property: "password", reason: passwordProblem });
  }

  for (const flag of ["adopt", "verifyOnRefresh"]) {
    const value = news[flag];
    if (value !== undefined && value !== null && typeof value !== "boolean" && !isUnknown(value)) {
      failures.push({ property: flag, reason: `${flag} ${describeBadValue(value)} is not a boolean. Set it to true or false, or leave it out.` });
    }
  }
  if (news.apiKey !== undefined && news.apiKey !== null && !isUnknown(news.apiKey) && (typeof news.apiKey !== "string" || news.apiKey.trim() === "")) {
    failures.push({ property: "apiKey", reason: "apiKey is empty or not a string. Set it to a permanent API token of this user, or leave it out to use gcore:apiKey." });
  }

  const creating = Object.keys(olds).length === 0;
  if (creating) {
    const currentProblem = describePasswordProblem("currentPassword", news.currentPassword);
    if (currentProblem) {
      failures.push({ property: "currentPassword", reason: currentProblem });
    } else if (!passwordProblem && !isUnknown(news.password) && news.password === news.currentPassword && news.adopt !== true) {
      failures.push({
        property: "password",
        reason:
          "password is equal to currentPassword, so there is nothing to change. Set password to a new value, " +
          "or set adopt: true to take over the account with its present password.",
      });
    }
  }

  if (failures.length === 0) {
    Object.assign(inputs, annotateRotation(olds, inputs));
  }

  return { inputs, failures };
}

/** Converts a user id to a number; the unknown marker passes through, and anything else gets a message. */
function normalizeUserId(value: unknown): { value: unknown } | { problem: string } {
  if (isUnknown(value)) {
    return { value };
  }
  if (value === undefined || value === null || value === "") {
    return { problem: "userId is missing. Set userId to the numeric id of the Gcore user whose password this resource manages." };
  }
  const parsed = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof parsed !== "number" || !Number.isInteger(parsed) || parsed <= 0) {
    return { problem: `userId ${describeBadValue(value)} is not a positive integer. Set userId to the numeric id of the Gcore user, for example 42.` };
  }
  // A larger number has no exact double, so the id sent would not be the one written.
  if (!Number.isSafeInteger(parsed)) {
    return {
      problem:
        `userId ${describeBadValue(value)} is larger than ${Number.MAX_SAFE_INTEGER}, the largest integer that can be sent exactly. ` +
        "Set userId to the numeric id of the Gcore user, for example 42.",
    };
  }
  return { value: parsed };
}

/** Returns a message when a password input is missing, not a string, empty or padded; else undefined. */
function describePasswordProblem(name: string, value: unknown): string | undefined {
  if (isUnknown(value)) {
    return undefined;
  }
  if (value === undefined || value === null) {
    return `${name} is missing. Set ${name} to a non-empty string, ideally from a secret config value.`;
  }
  if (typeof value !== "string") {
    return `${name} must be a string, but it is ${describeType(value)}. Pass the password as a string.`;
  }
  if (value.trim().length === 0) {
    return `${name} is empty or only whitespace. Set ${name} to a non-empty password.`;
  }
  if (value !== value.trim()) {
    return `${name} starts or ends with whitespace, which is often a newline read from a file by mistake. Remove the surrounding whitespace.`;
  }
  return undefined;
}

/**
 * Shows a rejected input value in a message: numbers, booleans and digit-only strings as they are,
 * anything else only by its type, such as "(a string)", since it could be a secret in the wrong input.
 */
function describeBadValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) {
    return JSON.stringify(value);
  }
  return `(${describeType(value)})`;
}

/** Names the type of an input with its article, such as "a string", "an object" or "an array". */
function describeType(value: unknown): string {
  if (Array.isArray(value)) {
    return "an array";
  }
  const type = typeof value;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
