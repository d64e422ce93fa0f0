import { normalizeSettings, type GeneratedPasswordInputs } from "../../provider/generated-password/inputs";
import { planRotation } from "../../provider/generated-password/plan";
import { buildState, diffGeneratedPassword } from "../../provider/generated-password/state";
import { UNKNOWN_VALUE } from "../../provider/unknown-value";

const T0 = new Date("2026-01-01T00:00:00.000Z");

function checkedInputs(news: Record<string, unknown>): GeneratedPasswordInputs {
  const { settings } = normalizeSettings(news);
  return { ...settings, ...planRotation({}, settings, T0) } as GeneratedPasswordInputs;
}

describe("buildState", () => {
  test("leaves absent keys out", () => {
    const state = buildState(checkedInputs({}), "value", T0.toISOString());

    expect(state).not.toHaveProperty("nextRotationAt");
    expect(state).not.toHaveProperty("rotateAfter");
    expect(Object.values(state)).not.toContain(undefined);
  });

  test("keeps value, time and plan", () => {
    const state = buildState(checkedInputs({ rotateAfter: "30d" }), "value", T0.toISOString());

    expect(state).toMatchObject({ result: "value", rotatedAt: T0.toISOString(), rotationCount: 1, nextRotationAt: "2026-01-31T00:00:00.000Z" });
  });

  test("drops the provider property", () => {
    const inputs = { ...checkedInputs({}), __provider: "exports.handler = ..." };

    expect(buildState(inputs, "value", T0.toISOString())).not.toHaveProperty("__provider");
  });
});

describe("diffGeneratedPassword", () => {
  const inputs = checkedInputs({ rotateAfter: "30d", keepers: { owner: "alice" } });
  const stored = buildState(inputs, "value", T0.toISOString());

  test("same inputs, no changes", () => {
    expect(diffGeneratedPassword({ ...stored }, { ...inputs })).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  test.each([
    ["rotation count", { rotationCount: 2 }],
    ["next rotation", { nextRotationAt: "2026-02-01T00:00:00.000Z" }],
    ["keepers", { keepers: { owner: "bob" } }],
    ["length", { length: 30 }],
    ["unknown keeper", { keepers: { owner: UNKNOWN_VALUE } }],
    ["unknown count", { rotationCount: UNKNOWN_VALUE }],
  ])("%s change is an update", (_case, change) => {
    expect(diffGeneratedPassword({ ...stored }, { ...inputs, ...change })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  test("removed period is an update", () => {
    const { rotateAfter: _rotateAfter, nextRotationAt: _next, ...withoutSchedule } = inputs;

    expect(diffGeneratedPassword({ ...stored }, withoutSchedule).changes).toBe(true);
  });
});
