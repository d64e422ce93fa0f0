import { randomInt } from "node:crypto";

/** The character classes a generated password draws from. */
export const UPPER_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const LOWER_CHARACTERS = "abcdefghijklmnopqrstuvwxyz";
export const NUMERIC_CHARACTERS = "0123456789";

/**
 * The default special characters. The set leaves out quotes, the backslash, the backtick, the dollar
 * sign, the space and brackets. A password from it therefore needs no escaping inside single quotes
 * in a shell or inside a double-quoted JSON or YAML string.
 */
export const DEFAULT_SPECIAL_CHARACTERS = "!#%+-.:=?@^_";

/** The length, character classes and minimum counts of a generated password. */
export interface PasswordRules {
  /** The number of characters. */
  length: number;
  /** Whether uppercase letters A-Z may appear. */
  upper: boolean;
  /** Whether lowercase letters a-z may appear. */
  lower: boolean;
  /** Whether digits 0-9 may appear. */
  numeric: boolean;
  /** Whether special characters may appear. */
  special: boolean;
  /** The minimum number of uppercase letters. It is 0 when `upper` is false. */
  minUpper: number;
  /** The minimum number of lowercase letters. It is 0 when `lower` is false. */
  minLower: number;
  /** The minimum number of digits. It is 0 when `numeric` is false. */
  minNumeric: number;
  /** The minimum number of special characters. It is 0 when `special` is false. */
  minSpecial: number;
  /** The special characters to draw from. */
  overrideSpecial: string;
}

/** Returns a uniformly random whole number from 0 up to, but not including, `maxExclusive`. */
export type RandomInt = (maxExclusive: number) => number;

/**
 * Generates a password that follows `rules`: first the minimum count of each enabled class, then the
 * rest from all enabled classes together, then a shuffle so the guaranteed characters sit anywhere.
 *
 * `random` defaults to `crypto.randomInt`, which draws by rejection sampling and so has no modulo bias.
 * The rules must already be valid (see `describeRulesProblems`).
 */
export function generatePassword(rules: PasswordRules, random: RandomInt = randomInt): string {
  const classes = enabledClasses(rules);
  const characters: string[] = [];

  for (const { alphabet, minimum } of classes) {
    for (let i = 0; i < minimum; i++) {
      characters.push(pick(alphabet, random));
    }
  }

  const combined = uniqueCharacters(classes.map((entry) => entry.alphabet).join(""));
  while (characters.length < rules.length) {
    characters.push(pick(combined, random));
  }

  shuffle(characters, random);
  return characters.join("");
}

/** Returns the rules that no password can satisfy, each with a message. An empty list means the rules are valid. */
export function describeRulesProblems(rules: PasswordRules): Array<{ property: keyof PasswordRules; reason: string }> {
  const problems: Array<{ property: keyof PasswordRules; reason: string }> = [];

  if (enabledClasses(rules).length === 0) {
    problems.push({
      property: "upper",
      reason: "upper, lower, numeric and special are all false, so there is no character to draw from. Set at least one of them to true.",
    });
  }
  const minimumTotal = rules.minUpper + rules.minLower + rules.minNumeric + rules.minSpecial;
  if (minimumTotal > rules.length) {
    problems.push({
      property: "length",
      reason: `The minimum counts add up to ${minimumTotal}, more than length ${rules.length}. Raise length to at least ${minimumTotal} or lower the minimums.`,
    });
  }
  return problems;
}

function enabledClasses(rules: PasswordRules): Array<{ alphabet: string; minimum: number }> {
  const classes = [
    { enabled: rules.upper, alphabet: UPPER_CHARACTERS, minimum: rules.minUpper },
    { enabled: rules.lower, alphabet: LOWER_CHARACTERS, minimum: rules.minLower },
    { enabled: rules.numeric, alphabet: NUMERIC_CHARACTERS, minimum: rules.minNumeric },
    { enabled: rules.special, alphabet: uniqueCharacters(rules.overrideSpecial), minimum: rules.minSpecial },
  ];
  return classes.filter((entry) => entry.enabled && entry.alphabet.length > 0);
}

/** Removes repeated characters, which would otherwise be drawn more often than the others. */
function uniqueCharacters(text: string): string {
  return [...new Set(text)].join("");
}

function pick(alphabet: string, random: RandomInt): string {
  return alphabet[random(alphabet.length)];
}

/** Shuffles in place with the Fisher-Yates algorithm. */
function shuffle(characters: string[], random: RandomInt): void {
  for (let i = characters.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [characters[i], characters[j]] = [characters[j], characters[i]];
  }
}
