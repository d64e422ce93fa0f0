import { isRotationDue, nextRotationTime, parseRotationAnchor, parseRotationPeriod, type RotationPeriod } from "../../provider/generated-password/schedule";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function period(text: string): RotationPeriod {
  const parsed = parseRotationPeriod(text);
  if ("problem" in parsed) {
    throw new Error(parsed.problem);
  }
  return parsed;
}

describe("parseRotationPeriod", () => {
  test.each([
    ["90m", 90 * MINUTE],
    ["12h", 12 * HOUR],
    ["30d", 30 * DAY],
    ["2w", 14 * DAY],
    ["1m", MINUTE],
    ["999999d", 999999 * DAY],
  ])("accepts %s", (text, milliseconds) => {
    expect(parseRotationPeriod(text)).toEqual({ text, milliseconds });
  });

  test.each([["0d"], ["30"], ["d"], ["30 d"], [" 30d"], ["30d "], ["30D"], ["1.5d"], ["-1d"], ["30s"], ["1000000d"], ["030d"]])(
    "rejects %j with value and shape",
    (text) => {
      const parsed = parseRotationPeriod(text);

      expect(parsed).toHaveProperty("problem");
      const problem = (parsed as { problem: string }).problem;
      expect(problem).toContain(`rotateAfter ${JSON.stringify(text)} is invalid`);
      expect(problem).toContain('for example "30d", "12h" or "90m"');
    },
  );

  test.each([[30], [undefined], [null], [{ days: 30 }]])("rejects non-string %j", (value) => {
    expect(parseRotationPeriod(value)).toHaveProperty("problem");
  });

  test.each([
    ["", 'rotateAfter "" is empty.'],
    ["   ", 'rotateAfter "   " contains only white space.'],
    ["\t", 'rotateAfter "\\t" contains only white space.'],
  ])("rejects blank %j with the fix", (text, start) => {
    const parsed = parseRotationPeriod(text);

    expect(parsed).toHaveProperty("problem");
    const problem = (parsed as { problem: string }).problem;
    expect(problem).toContain(start);
    expect(problem).toContain('Set it to a period such as "30d", "12h" or "90m", or leave rotateAfter out to never rotate on a schedule.');
  });

  test.each([
    ["1439998560m", 999999 * DAY],
    ["23999976h", 999999 * DAY],
    ["999999d", 999999 * DAY],
    ["142857w", 999999 * DAY],
  ])("accepts the maximum %s", (text, milliseconds) => {
    expect(parseRotationPeriod(text)).toEqual({ text, milliseconds });
  });

  test.each([["1439998561m"], ["23999977h"], ["1000000d"], ["142858w"], ["999999w"], ["99999999999999999999d"]])("rejects %s as too long", (text) => {
    const parsed = parseRotationPeriod(text);

    expect(parsed).toHaveProperty("problem");
    expect((parsed as { problem: string }).problem).toBe(
      `rotateAfter ${JSON.stringify(text)} is invalid because it is longer than 999999 days. Use a shorter period, for example "30d", "12h" or "90m".`,
    );
  });
});

describe("parseRotationAnchor", () => {
  test.each([
    ["2026-01-01T09:00:00Z", "2026-01-01T09:00:00.000Z"],
    ["2026-01-01T09:00Z", "2026-01-01T09:00:00.000Z"],
    ["2026-01-01T09:00:00.250Z", "2026-01-01T09:00:00.250Z"],
    ["2026-01-01T11:00:00+02:00", "2026-01-01T09:00:00.000Z"],
    ["2026-01-01", "2026-01-01T00:00:00.000Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
    ["2026-01-31T23:30:00-05:00", "2026-02-01T04:30:00.000Z"],
    ["2026-03-01T01:00:00+02:00", "2026-02-28T23:00:00.000Z"],
    ["2026-12-31T23:59:59Z", "2026-12-31T23:59:59.000Z"],
    ["0050-06-15", "0050-06-15T00:00:00.000Z"],
  ])("accepts %s", (text, iso) => {
    expect((parseRotationAnchor(text) as Date).toISOString()).toBe(iso);
  });

  test.each([["2026-01-01T09:00:00"], ["yesterday"], ["2026-13-01"], ["2026-01-01 09:00:00Z"], [""], [1767225600000]])("rejects %j", (value) => {
    const parsed = parseRotationAnchor(value);

    expect(parsed).toHaveProperty("problem");
    expect((parsed as { problem: string }).problem).toContain(`rotationAnchor ${JSON.stringify(value)} is invalid`);
  });

  test.each([
    ["2026-02-30"],
    ["2026-02-31T00:00:00Z"],
    ["2026-02-29"],
    ["2025-02-29T12:00:00Z"],
    ["2026-04-31T10:00+02:00"],
    ["2026-06-31T23:30:00-05:00"],
    ["2026-01-01T24:00:00Z"],
    ["2026-01-32"],
    ["2026-00-10"],
  ])("rejects impossible date %s", (text) => {
    const parsed = parseRotationAnchor(text);

    expect(parsed).toHaveProperty("problem");
    expect((parsed as { problem: string }).problem).toContain(`rotationAnchor ${JSON.stringify(text)} is invalid`);
  });

  test("impossible date message names the fix", () => {
    expect(parseRotationAnchor("2026-02-30")).toEqual({
      problem:
        'rotationAnchor "2026-02-30" is invalid because that date or time does not exist. Use a day that exists in its month, hours from 00 to 23 and minutes and seconds from 00 to 59.',
    });
  });
});

describe("nextRotationTime", () => {
  const anchor = new Date("2026-01-01T00:00:00.000Z");
  const thirtyDays = period("30d");

  test.each([
    ["just after the anchor", "2026-01-01T00:00:00.001Z", "2026-01-31T00:00:00.000Z"],
    ["exactly at the anchor", "2026-01-01T00:00:00.000Z", "2026-01-31T00:00:00.000Z"],
    ["1 ms before the first rotation", "2026-01-30T23:59:59.999Z", "2026-01-31T00:00:00.000Z"],
    ["exactly at the first rotation", "2026-01-31T00:00:00.000Z", "2026-03-02T00:00:00.000Z"],
    ["one hour late", "2026-01-31T01:00:00.000Z", "2026-03-02T00:00:00.000Z"],
    ["ten periods late", "2026-11-01T12:00:00.000Z", "2026-11-27T00:00:00.000Z"],
    ["before a future anchor", "2025-12-31T00:00:00.000Z", "2026-01-01T00:00:00.000Z"],
    ["several periods before a future anchor", "2025-10-15T00:00:00.000Z", "2025-11-02T00:00:00.000Z"],
  ])("%s", (_case, after, expected) => {
    expect(nextRotationTime(anchor, thirtyDays, new Date(after)).toISOString()).toBe(expected);
  });

  test("stays on the anchor's grid", () => {
    const late = nextRotationTime(anchor, thirtyDays, new Date("2026-07-04T17:23:11.456Z"));

    expect((late.getTime() - anchor.getTime()) % thirtyDays.milliseconds).toBe(0);
  });

  test("ignores the local time zone and daylight saving time", () => {
    const savedZone = process.env.TZ;
    process.env.TZ = "Europe/Berlin";
    try {
      // Berlin moves its clocks forward on 2026-03-29, yet a day stays 24 hours of UTC time.
      const result = nextRotationTime(new Date("2026-03-28T01:30:00Z"), period("1d"), new Date("2026-03-28T12:00:00Z"));

      expect(result.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    } finally {
      if (savedZone === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = savedZone;
      }
    }
  });
});

describe("isRotationDue", () => {
  const due = new Date("2026-01-31T00:00:00.000Z");

  test.each([
    ["1 ms before", "2026-01-30T23:59:59.999Z", false],
    ["one period before", "2026-01-01T00:00:00.000Z", false],
    ["exactly at", "2026-01-31T00:00:00.000Z", true],
    ["1 ms after", "2026-01-31T00:00:00.001Z", true],
    ["many periods late", "2027-06-01T00:00:00.000Z", true],
  ])("%s the due time", (_case, now, expected) => {
    expect(isRotationDue(due, new Date(now))).toBe(expected);
  });
});
