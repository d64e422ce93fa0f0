import {
  DEFAULT_SPECIAL_CHARACTERS,
  describeRulesProblems,
  generatePassword,
  LOWER_CHARACTERS,
  NUMERIC_CHARACTERS,
  UPPER_CHARACTERS,
  type PasswordRules,
} from "../../provider/generated-password/generator";

const DEFAULT_RULES: PasswordRules = {
  length: 24,
  upper: true,
  lower: true,
  numeric: true,
  special: true,
  minUpper: 1,
  minLower: 1,
  minNumeric: 1,
  minSpecial: 1,
  overrideSpecial: DEFAULT_SPECIAL_CHARACTERS,
};

function count(text: string, alphabet: string): number {
  return [...text].filter((character) => alphabet.includes(character)).length;
}

describe("generatePassword", () => {
  test("default rules give 24 characters", () => {
    expect(generatePassword(DEFAULT_RULES)).toHaveLength(24);
  });

  test("default rules include every class", () => {
    for (let i = 0; i < 500; i++) {
      const password = generatePassword(DEFAULT_RULES);

      expect(count(password, UPPER_CHARACTERS)).toBeGreaterThanOrEqual(1);
      expect(count(password, LOWER_CHARACTERS)).toBeGreaterThanOrEqual(1);
      expect(count(password, NUMERIC_CHARACTERS)).toBeGreaterThanOrEqual(1);
      expect(count(password, DEFAULT_SPECIAL_CHARACTERS)).toBeGreaterThanOrEqual(1);
    }
  });

  test("minimum counts hold when they fill the length", () => {
    const rules = { ...DEFAULT_RULES, length: 10, minUpper: 3, minLower: 3, minNumeric: 2, minSpecial: 2 };

    for (let i = 0; i < 500; i++) {
      const password = generatePassword(rules);

      expect(count(password, UPPER_CHARACTERS)).toBe(3);
      expect(count(password, LOWER_CHARACTERS)).toBe(3);
      expect(count(password, NUMERIC_CHARACTERS)).toBe(2);
      expect(count(password, DEFAULT_SPECIAL_CHARACTERS)).toBe(2);
    }
  });

  test("disabled classes never appear", () => {
    const rules = { ...DEFAULT_RULES, special: false, minSpecial: 0, numeric: false, minNumeric: 0 };

    for (let i = 0; i < 200; i++) {
      expect(generatePassword(rules)).toMatch(/^[A-Za-z]{24}$/);
    }
  });

  test("overrideSpecial replaces the special set", () => {
    const rules = { ...DEFAULT_RULES, upper: false, lower: false, numeric: false, minUpper: 0, minLower: 0, minNumeric: 0, overrideSpecial: "-_" };

    expect(generatePassword(rules)).toMatch(/^[-_]{24}$/);
  });

  test("every character of the alphabet occurs", () => {
    const alphabet = UPPER_CHARACTERS + LOWER_CHARACTERS + NUMERIC_CHARACTERS + DEFAULT_SPECIAL_CHARACTERS;
    const seen = new Set<string>();

    for (let i = 0; i < 300; i++) {
      for (const character of generatePassword(DEFAULT_RULES)) {
        seen.add(character);
      }
    }

    expect([...alphabet].filter((character) => !seen.has(character))).toEqual([]);
  });

  test("draws indexes below each alphabet size", () => {
    const bounds: number[] = [];
    const random = (maxExclusive: number): number => {
      bounds.push(maxExclusive);
      return maxExclusive - 1;
    };

    const password = generatePassword({ ...DEFAULT_RULES, length: 6 }, random);

    expect(password).toHaveLength(6);
    // One draw per minimum (26, 26, 10, 12), two from the 74-character union, then 5 shuffle swaps.
    expect(bounds).toEqual([26, 26, 10, 12, 74, 74, 6, 5, 4, 3, 2]);
  });

  test("repeated special characters count once", () => {
    const bounds: number[] = [];
    const random = (maxExclusive: number): number => {
      bounds.push(maxExclusive);
      return 0;
    };

    generatePassword({ ...DEFAULT_RULES, upper: false, lower: false, numeric: false, minUpper: 0, minLower: 0, minNumeric: 0, length: 2, overrideSpecial: "--__" }, random);

    expect(bounds.slice(0, 2)).toEqual([2, 2]);
  });
});

describe("describeRulesProblems", () => {
  test("valid default rules", () => {
    expect(describeRulesProblems(DEFAULT_RULES)).toEqual([]);
  });

  test("no enabled class", () => {
    const rules = { ...DEFAULT_RULES, upper: false, lower: false, numeric: false, special: false, minUpper: 0, minLower: 0, minNumeric: 0, minSpecial: 0 };

    expect(describeRulesProblems(rules)).toEqual([{ property: "upper", reason: expect.stringContaining("all false") }]);
  });

  test("minimums above length", () => {
    const problems = describeRulesProblems({ ...DEFAULT_RULES, length: 5, minUpper: 3, minNumeric: 3 });

    expect(problems).toEqual([{ property: "length", reason: expect.stringContaining("add up to 8, more than length 5") }]);
  });
});
