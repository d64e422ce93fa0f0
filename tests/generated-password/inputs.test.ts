import { DEFAULT_SPECIAL_CHARACTERS } from "../../provider/generated-password/generator";
import { normalizeSettings } from "../../provider/generated-password/inputs";
import { UNKNOWN_VALUE } from "../../provider/unknown-value";

const DEFAULTS = {
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
  keepers: {},
};

function reasonsFor(news: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(normalizeSettings(news).failures.map((failure) => [failure.property, failure.reason]));
}

describe("normalizeSettings", () => {
  test("empty inputs get the defaults", () => {
    expect(normalizeSettings({})).toEqual({ settings: DEFAULTS, failures: [] });
  });

  test("keeps the provider property out", () => {
    expect(normalizeSettings({ __provider: "exports.handler = ..." }).settings).not.toHaveProperty("__provider");
  });

  test("disabled class defaults its minimum to 0", () => {
    const { settings, failures } = normalizeSettings({ special: false });

    expect(failures).toEqual([]);
    expect(settings.minSpecial).toBe(0);
  });

  test("accepts digit strings from stack config", () => {
    expect(normalizeSettings({ length: "32", minNumeric: "4" }).settings).toMatchObject({ length: 32, minNumeric: 4 });
  });

  test("normalizes the anchor to ISO 8601 UTC", () => {
    expect(normalizeSettings({ rotationAnchor: "2026-01-01T10:00:00+01:00" }).settings.rotationAnchor).toBe("2026-01-01T09:00:00.000Z");
  });

  test("keeps a valid rotateAfter", () => {
    expect(normalizeSettings({ rotateAfter: "30d" }).settings.rotateAfter).toBe("30d");
  });

  test("empty rotateAfter fails", () => {
    expect(normalizeSettings({ rotateAfter: "" }).failures).toEqual([
      {
        property: "rotateAfter",
        reason: 'rotateAfter "" is empty. Set it to a period such as "30d", "12h" or "90m", or leave rotateAfter out to never rotate on a schedule.',
      },
    ]);
  });

  test("null rotateAfter means no schedule", () => {
    const { settings, failures } = normalizeSettings({ rotateAfter: null });

    expect(failures).toEqual([]);
    expect(settings).not.toHaveProperty("rotateAfter");
  });

  test.each([
    [{ length: 0 }, "length", 'length 0 is invalid. Use a whole number from 1 to 1024.'],
    [{ length: 1025 }, "length", "length 1025 is invalid"],
    [{ length: 12.5 }, "length", "length 12.5 is invalid"],
    [{ length: "long" }, "length", 'length "long" is invalid'],
    [{ upper: "yes" }, "upper", 'upper "yes" is invalid. Use true or false.'],
    [{ minSpecial: -1 }, "minSpecial", "minSpecial -1 is invalid. Use a whole number from 0 to 1024."],
    [{ numeric: false, minNumeric: 2 }, "minNumeric", "minNumeric is 2 but numeric is false. Set numeric to true or minNumeric to 0."],
    [{ overrideSpecial: "" }, "overrideSpecial", 'overrideSpecial "" is invalid'],
    [{ overrideSpecial: "-a_" }, "overrideSpecial", 'overrideSpecial "-a_" contains "a", which is not an ASCII punctuation character'],
    [{ overrideSpecial: "- " }, "overrideSpecial", 'contains " "'],
    [{ overrideSpecial: "-é" }, "overrideSpecial", 'contains "é"'],
    [{ keepers: ["a"] }, "keepers", "keepers a list is invalid. Use a map of strings, numbers or booleans"],
    [{ keepers: "owner=alice" }, "keepers", "keepers a string is invalid"],
    [{ keepers: { owner: { name: "alice" } } }, "keepers", "keepers.owner is an object, which is invalid"],
    [{ rotateAfter: "30 days" }, "rotateAfter", 'rotateAfter "30 days" is invalid. Use a whole number followed by m (minutes), h (hours), d (days) or w (weeks)'],
    [{ rotateAfter: " " }, "rotateAfter", 'rotateAfter " " contains only white space. Set it to a period'],
    [{ rotateAfter: "999999w" }, "rotateAfter", 'rotateAfter "999999w" is invalid because it is longer than 999999 days'],
    [{ rotationAnchor: "next monday" }, "rotationAnchor", 'rotationAnchor "next monday" is invalid. Use an ISO 8601 time with a time zone'],
    [{ rotationAnchor: "2026-02-30" }, "rotationAnchor", 'rotationAnchor "2026-02-30" is invalid because that date or time does not exist'],
    [{ length: 3 }, "length", "The minimum counts add up to 4, more than length 3"],
    [{ upper: false, lower: false, numeric: false, special: false }, "upper", "all false"],
  ])("rejects %j", (news, property, reason) => {
    expect(reasonsFor(news)[property]).toContain(reason);
  });

  test("keeper messages never quote keeper values", () => {
    const reasons = Object.values(reasonsFor({ keepers: { token: ["Canary-keeper-secret"] } }));

    expect(reasons.join(" ")).not.toContain("Canary-keeper-secret");
  });

  test("unknown values pass through", () => {
    const news = { length: UNKNOWN_VALUE, keepers: { owner: UNKNOWN_VALUE }, rotateAfter: UNKNOWN_VALUE, rotationAnchor: UNKNOWN_VALUE };

    const { settings, failures } = normalizeSettings(news);

    expect(failures).toEqual([]);
    expect(settings).toMatchObject(news);
  });

  test("unknown keepers map passes through", () => {
    expect(normalizeSettings({ keepers: UNKNOWN_VALUE }).settings.keepers).toBe(UNKNOWN_VALUE);
  });
});
