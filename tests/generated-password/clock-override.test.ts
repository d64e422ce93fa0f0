import { environmentClock, NOW_OVERRIDE_VARIABLE, readNowOverride } from "../../provider/generated-password/clock-override";

describe("readNowOverride", () => {
  test("unset means system time", () => {
    expect(readNowOverride({})).toBeUndefined();
  });

  test("empty means system time", () => {
    expect(readNowOverride({ [NOW_OVERRIDE_VARIABLE]: "" })).toBeUndefined();
  });

  test.each([
    ["2026-03-01T00:00:00Z", "2026-03-01T00:00:00.000Z"],
    ["2026-03-01T00:00:00.123Z", "2026-03-01T00:00:00.123Z"],
    ["2026-03-01T02:00:00+02:00", "2026-03-01T00:00:00.000Z"],
  ])("reads %s", (value, iso) => {
    expect(readNowOverride({ [NOW_OVERRIDE_VARIABLE]: value })?.toISOString()).toBe(iso);
  });

  test.each([["2026-03-01"], ["2026-03-01T00:00:00"], ["now"], ["1767225600000"]])("rejects %j with the variable name", (value) => {
    expect(() => readNowOverride({ [NOW_OVERRIDE_VARIABLE]: value })).toThrow(`GCORE_ROTATE_NOW ${JSON.stringify(value)} is invalid`);
  });
});

describe("environmentClock", () => {
  test("reads the variable on every call", () => {
    const env: NodeJS.ProcessEnv = { [NOW_OVERRIDE_VARIABLE]: "2026-03-01T00:00:00Z" };
    const clock = environmentClock(env);

    const first = clock.now().toISOString();
    env[NOW_OVERRIDE_VARIABLE] = "2026-04-01T00:00:00Z";

    expect(first).toBe("2026-03-01T00:00:00.000Z");
    expect(clock.now().toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  test("falls back to the system time", () => {
    const before = Date.now();

    const now = environmentClock({}).now().getTime();

    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
