import type * as pulumi from "@pulumi/pulumi";

import { isUnknown } from "../unknown-value";
import { DEFAULT_SPECIAL_CHARACTERS, describeRulesProblems, type PasswordRules } from "./generator";
import { parseRotationAnchor, parseRotationPeriod } from "./schedule";

/** A value of the `keepers` map. */
export type KeeperValue = string | number | boolean;

/** The reason the current value was generated, in plain words. */
export type GenerationReason = "first generation" | "keepers changed" | "password rules changed" | "rotation period elapsed";

/** The inputs a user sets, after validation, with defaults filled in. */
export interface GeneratedPasswordSettings extends PasswordRules {
  /** Arbitrary values. A change of any of them generates a new password. */
  keepers: Record<string, KeeperValue>;
  /** The rotation period, such as "30d". Absent when the password changes only with its keepers or rules. */
  rotateAfter?: string;
  /** The anchor the user set, as an ISO 8601 time. Absent when the user set none. */
  rotationAnchor?: string;
}

/**
 * The inputs `check` returns: the settings plus the plan for this run. Because the plan is made of
 * plain inputs, a preview shows a pending rotation, and its reason, as an input change.
 */
export interface GeneratedPasswordInputs extends GeneratedPasswordSettings {
  /** The anchor in effect: the user's, or the time of the first generation. */
  rotationAnchor: string;
  /** The next scheduled rotation, as an ISO 8601 time. Absent without `rotateAfter`. */
  nextRotationAt?: string;
  /** How many values this resource has generated, the first one included. */
  rotationCount: number;
  /** The reason the current value was generated. */
  rotationReason: GenerationReason;
}

/** The property names of the password rules, which generate a new value when they change. */
export const RULE_KEYS = [
  "length",
  "upper",
  "lower",
  "numeric",
  "special",
  "minUpper",
  "minLower",
  "minNumeric",
  "minSpecial",
  "overrideSpecial",
] as const satisfies ReadonlyArray<keyof PasswordRules>;

/** The default length. 24 characters drawn from the 74 default characters carry about 149 bits of entropy. */
export const DEFAULT_LENGTH = 24;

/** The maximum length. It is far above any password policy and catches a typo before it writes megabytes into state. */
export const MAX_LENGTH = 1024;

const CLASS_MINIMUMS = [
  ["upper", "minUpper"],
  ["lower", "minLower"],
  ["numeric", "minNumeric"],
  ["special", "minSpecial"],
] as const;

// Printable ASCII characters other than letters, digits and the space.
const PUNCTUATION = /^[!-/:-@[-`{-~]$/;

/**
 * Validates the user's inputs of a `GeneratedPassword` and fills in defaults.
 * Values still unknown during a preview pass through unchanged and skip the checks that need them.
 * Each message quotes the bad value and the expected shape.
 */
export function normalizeSettings(news: Record<string, unknown>): { settings: GeneratedPasswordSettings; failures: pulumi.dynamic.CheckFailure[] } {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const settings: Record<string, unknown> = {};
  const fail = (property: string, reason: string): void => {
    failures.push({ property, reason });
  };

  settings.length = readCount(news, "length", DEFAULT_LENGTH, 1, MAX_LENGTH, fail);
  for (const [classKey, minimumKey] of CLASS_MINIMUMS) {
    const enabled = readBoolean(news, classKey, true, fail);
    settings[classKey] = enabled;
    settings[minimumKey] = readCount(news, minimumKey, enabled === true ? 1 : 0, 0, MAX_LENGTH, fail);
    if (enabled === false && typeof settings[minimumKey] === "number" && (settings[minimumKey] as number) > 0) {
      fail(minimumKey, `${minimumKey} is ${settings[minimumKey]} but ${classKey} is false. Set ${classKey} to true or ${minimumKey} to 0.`);
    }
  }
  settings.overrideSpecial = readSpecialCharacters(news.overrideSpecial, fail);
  settings.keepers = readKeepers(news.keepers, fail);

  // An empty rotateAfter fails instead of turning rotation off, so a blank config value cannot stop rotations unnoticed.
  if (news.rotateAfter !== undefined && news.rotateAfter !== null) {
    const period = isUnknown(news.rotateAfter) ? undefined : parseRotationPeriod(news.rotateAfter);
    if (period && "problem" in period) {
      fail("rotateAfter", period.problem);
    }
    settings.rotateAfter = news.rotateAfter;
  }
  if (news.rotationAnchor !== undefined && news.rotationAnchor !== null && news.rotationAnchor !== "") {
    const anchor = isUnknown(news.rotationAnchor) ? undefined : parseRotationAnchor(news.rotationAnchor);
    if (anchor && "problem" in anchor) {
      fail("rotationAnchor", anchor.problem);
    }
    settings.rotationAnchor = anchor instanceof Date ? anchor.toISOString() : news.rotationAnchor;
  }

  const rules = settings as unknown as PasswordRules;
  if (failures.length === 0 && RULE_KEYS.every((key) => !isUnknown(rules[key]))) {
    failures.push(...describeRulesProblems(rules));
  }

  return { settings: settings as unknown as GeneratedPasswordSettings, failures };
}

/** Reads a whole number between `minimum` and `maximum`. A string of digits counts too, because stack config delivers strings. */
function readCount(news: Record<string, unknown>, key: string, fallback: number, minimum: number, maximum: number, fail: (property: string, reason: string) => void): unknown {
  const value = news[key];
  if (value === undefined || value === null || isUnknown(value)) {
    return value ?? fallback;
  }
  const parsed = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof parsed !== "number" || !Number.isInteger(parsed) || parsed < minimum || parsed > maximum) {
    fail(key, `${key} ${JSON.stringify(value)} is invalid. Use a whole number from ${minimum} to ${maximum}.`);
    return fallback;
  }
  return parsed;
}

function readBoolean(news: Record<string, unknown>, key: string, fallback: boolean, fail: (property: string, reason: string) => void): unknown {
  const value = news[key];
  if (value === undefined || value === null || isUnknown(value)) {
    return value ?? fallback;
  }
  if (typeof value !== "boolean") {
    fail(key, `${key} ${JSON.stringify(value)} is invalid. Use true or false.`);
    return fallback;
  }
  return value;
}

function readSpecialCharacters(value: unknown, fail: (property: string, reason: string) => void): unknown {
  if (value === undefined || value === null || isUnknown(value)) {
    return value ?? DEFAULT_SPECIAL_CHARACTERS;
  }
  if (typeof value !== "string" || value.length === 0) {
    fail("overrideSpecial", `overrideSpecial ${JSON.stringify(value)} is invalid. Use a non-empty string of ASCII punctuation characters, for example "${DEFAULT_SPECIAL_CHARACTERS}".`);
    return DEFAULT_SPECIAL_CHARACTERS;
  }
  const invalid = [...value].find((character) => !PUNCTUATION.test(character));
  if (invalid !== undefined) {
    fail(
      "overrideSpecial",
      `overrideSpecial ${JSON.stringify(value)} contains ${JSON.stringify(invalid)}, which is not an ASCII punctuation character. Use only characters such as "${DEFAULT_SPECIAL_CHARACTERS}".`,
    );
  }
  return value;
}

function readKeepers(value: unknown, fail: (property: string, reason: string) => void): unknown {
  if (value === undefined || value === null) {
    return {};
  }
  if (isUnknown(value)) {
    return value;
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    fail("keepers", `keepers ${describeType(value)} is invalid. Use a map of strings, numbers or booleans, for example { owner: "alice" }.`);
    return {};
  }
  for (const [key, entry] of Object.entries(value)) {
    if (!isUnknown(entry) && !["string", "number", "boolean"].includes(typeof entry)) {
      fail("keepers", `keepers.${key} is ${describeType(entry)}, which is invalid. Use a string, a number or a boolean.`);
    }
  }
  return value;
}

/** Names a value's type without quoting it, because keepers may hold secrets. */
function describeType(value: unknown): string {
  if (Array.isArray(value)) {
    return "a list";
  }
  if (value === null) {
    return "null";
  }
  const type = typeof value;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
