import { normalizeSettings, type GeneratedPasswordSettings } from "../../provider/generated-password/inputs";
import { planRotation } from "../../provider/generated-password/plan";
import { UNKNOWN_VALUE } from "../../provider/unknown-value";

const T0 = "2026-01-01T00:00:00.000Z";
const DUE = "2026-01-31T00:00:00.000Z";

function settings(news: Record<string, unknown>): GeneratedPasswordSettings {
  const { settings: normalized, failures } = normalizeSettings(news);
  expect(failures).toEqual([]);
  return normalized;
}

/** Returns the inputs recorded in state after a creation at T0, by default with a 30-day period. */
function createdAtT0(news: Record<string, unknown> = { rotateAfter: "30d" }): Record<string, unknown> {
  const normalized = settings(news);
  return { ...normalized, ...planRotation({}, normalized, new Date(T0)) };
}

describe("planRotation on creation", () => {
  test("first generation anchors at now", () => {
    expect(planRotation({}, settings({ rotateAfter: "30d" }), new Date(T0))).toEqual({
      rotationAnchor: T0,
      nextRotationAt: DUE,
      rotationCount: 1,
      rotationReason: "first generation",
    });
  });

  test("explicit anchor sets the schedule", () => {
    const plan = planRotation({}, settings({ rotateAfter: "30d", rotationAnchor: "2025-12-20T06:00:00Z" }), new Date(T0));

    expect(plan.rotationAnchor).toBe("2025-12-20T06:00:00.000Z");
    expect(plan.nextRotationAt).toBe("2026-01-19T06:00:00.000Z");
  });

  test("no rotateAfter, no next rotation", () => {
    expect(planRotation({}, settings({}), new Date(T0)).nextRotationAt).toBeUndefined();
  });
});

describe("planRotation on later runs", () => {
  test.each([
    ["1 ms before the due time", "2026-01-30T23:59:59.999Z", 1, "first generation", DUE],
    ["exactly at the due time", DUE, 2, "rotation period elapsed", "2026-03-02T00:00:00.000Z"],
    ["one hour late", "2026-01-31T01:00:00.000Z", 2, "rotation period elapsed", "2026-03-02T00:00:00.000Z"],
    ["many periods late", "2026-07-01T00:00:00.000Z", 2, "rotation period elapsed", "2026-07-30T00:00:00.000Z"],
  ])("%s", (_case, now, rotationCount, rotationReason, nextRotationAt) => {
    const plan = planRotation(createdAtT0(), settings({ rotateAfter: "30d" }), new Date(now));

    expect(plan).toEqual({ rotationAnchor: T0, nextRotationAt, rotationCount, rotationReason });
  });

  test("late runs keep the anchored schedule", () => {
    const late = planRotation(createdAtT0(), settings({ rotateAfter: "30d" }), new Date("2026-02-10T00:00:00.000Z"));
    const state = { ...settings({ rotateAfter: "30d" }), ...late };

    const next = planRotation(state, settings({ rotateAfter: "30d" }), new Date("2026-03-02T00:00:00.000Z"));

    expect(late.nextRotationAt).toBe("2026-03-02T00:00:00.000Z");
    expect(next.rotationCount).toBe(3);
    expect(next.nextRotationAt).toBe("2026-04-01T00:00:00.000Z");
  });

  test("changed keeper rotates", () => {
    const olds = createdAtT0({ rotateAfter: "30d", keepers: { owner: "alice" } });

    const plan = planRotation(olds, settings({ rotateAfter: "30d", keepers: { owner: "bob" } }), new Date("2026-01-10T00:00:00.000Z"));

    expect(plan).toEqual({ rotationAnchor: T0, nextRotationAt: DUE, rotationCount: 2, rotationReason: "keepers changed" });
  });

  test("added keeper rotates", () => {
    const plan = planRotation(createdAtT0(), settings({ rotateAfter: "30d", keepers: { version: 2 } }), new Date("2026-01-10T00:00:00.000Z"));

    expect(plan.rotationReason).toBe("keepers changed");
  });

  test("reordered keepers do not rotate", () => {
    const olds = createdAtT0({ keepers: { a: "1", b: "2" } });

    expect(planRotation(olds, settings({ keepers: { b: "2", a: "1" } }), new Date("2026-01-10T00:00:00.000Z")).rotationCount).toBe(1);
  });

  test("changed length rotates", () => {
    const plan = planRotation(createdAtT0(), settings({ rotateAfter: "30d", length: 32 }), new Date("2026-01-10T00:00:00.000Z"));

    expect(plan).toMatchObject({ rotationCount: 2, rotationReason: "password rules changed" });
  });

  test("changed special set rotates", () => {
    const plan = planRotation(createdAtT0(), settings({ rotateAfter: "30d", overrideSpecial: "-_" }), new Date("2026-01-10T00:00:00.000Z"));

    expect(plan.rotationReason).toBe("password rules changed");
  });

  test("new period reschedules without rotating", () => {
    const plan = planRotation(createdAtT0(), settings({ rotateAfter: "7d" }), new Date("2026-01-10T00:00:00.000Z"));

    expect(plan).toEqual({ rotationAnchor: T0, nextRotationAt: "2026-01-15T00:00:00.000Z", rotationCount: 1, rotationReason: "first generation" });
  });

  test("new anchor reschedules without rotating", () => {
    const plan = planRotation(createdAtT0(), settings({ rotateAfter: "30d", rotationAnchor: "2026-01-05" }), new Date("2026-01-10T00:00:00.000Z"));

    expect(plan).toEqual({ rotationAnchor: "2026-01-05T00:00:00.000Z", nextRotationAt: "2026-02-04T00:00:00.000Z", rotationCount: 1, rotationReason: "first generation" });
  });

  test("removed anchor input keeps the anchor", () => {
    const olds = createdAtT0({ rotateAfter: "30d", rotationAnchor: "2025-12-25" });

    expect(planRotation(olds, settings({ rotateAfter: "30d" }), new Date(T0)).rotationAnchor).toBe("2025-12-25T00:00:00.000Z");
  });

  test("added period starts from the first generation", () => {
    const olds = createdAtT0({});

    const plan = planRotation(olds, settings({ rotateAfter: "30d" }), new Date("2026-04-15T00:00:00.000Z"));

    expect(plan).toEqual({ rotationAnchor: T0, nextRotationAt: "2026-05-01T00:00:00.000Z", rotationCount: 1, rotationReason: "first generation" });
  });

  test("removed period drops the next rotation", () => {
    const plan = planRotation(createdAtT0(), settings({}), new Date("2026-01-20T00:00:00.000Z"));

    expect(plan).toEqual({ rotationAnchor: T0, nextRotationAt: undefined, rotationCount: 1, rotationReason: "first generation" });
  });

  test("unchanged inputs keep the recorded plan", () => {
    const olds = createdAtT0();
    const { rotationAnchor, nextRotationAt, rotationCount, rotationReason } = olds;

    expect(planRotation(olds, settings({ rotateAfter: "30d" }), new Date("2026-01-20T00:00:00.000Z"))).toEqual({ rotationAnchor, nextRotationAt, rotationCount, rotationReason });
  });
});

describe("planRotation with a schedule edit while due", () => {
  const BEFORE_DUE = "2026-01-30T23:59:59.999Z";

  test.each([
    ["longer period, 1 ms before due", { rotateAfter: "31d" }, BEFORE_DUE, "2026-02-01T00:00:00.000Z", 1, "first generation"],
    ["longer period, at due", { rotateAfter: "31d" }, DUE, "2026-02-01T00:00:00.000Z", 2, "rotation period elapsed"],
    ["shorter period, 1 ms before due", { rotateAfter: "7d" }, BEFORE_DUE, "2026-02-05T00:00:00.000Z", 1, "first generation"],
    ["shorter period, at due", { rotateAfter: "7d" }, DUE, "2026-02-05T00:00:00.000Z", 2, "rotation period elapsed"],
    ["removed period, 1 ms before due", {}, BEFORE_DUE, undefined, 1, "first generation"],
    ["removed period, at due", {}, DUE, undefined, 2, "rotation period elapsed"],
  ])("%s", (_case, news, now, nextRotationAt, rotationCount, rotationReason) => {
    const plan = planRotation(createdAtT0(), settings(news), new Date(now));

    expect(plan).toEqual({ rotationAnchor: T0, nextRotationAt, rotationCount, rotationReason });
  });

  test.each([
    ["new anchor, 1 ms before due", BEFORE_DUE, 1, "first generation"],
    ["new anchor, at due", DUE, 2, "rotation period elapsed"],
  ])("%s", (_case, now, rotationCount, rotationReason) => {
    const plan = planRotation(createdAtT0(), settings({ rotateAfter: "30d", rotationAnchor: "2026-01-20" }), new Date(now));

    expect(plan).toEqual({ rotationAnchor: "2026-01-20T00:00:00.000Z", nextRotationAt: "2026-02-19T00:00:00.000Z", rotationCount, rotationReason });
  });

  test("overdue period edit rotates", () => {
    const rotated = planRotation(createdAtT0(), settings({ rotateAfter: "30d" }), new Date(DUE));
    const state = { ...settings({ rotateAfter: "30d" }), ...rotated };

    const plan = planRotation(state, settings({ rotateAfter: "31d" }), new Date("2026-03-05T00:00:00.000Z"));

    expect(rotated.nextRotationAt).toBe("2026-03-02T00:00:00.000Z");
    expect(plan).toEqual({ rotationAnchor: T0, nextRotationAt: "2026-04-04T00:00:00.000Z", rotationCount: 3, rotationReason: "rotation period elapsed" });
  });

  test("overdue rule change rotates once", () => {
    const plan = planRotation(createdAtT0(), settings({ rotateAfter: "31d", length: 32 }), new Date("2026-02-10T00:00:00.000Z"));

    expect(plan).toEqual({ rotationAnchor: T0, nextRotationAt: "2026-03-04T00:00:00.000Z", rotationCount: 2, rotationReason: "password rules changed" });
  });

  test("unknown period while due still rotates", () => {
    const plan = planRotation(createdAtT0(), settings({ rotateAfter: UNKNOWN_VALUE }), new Date(DUE));

    expect(plan).toEqual({ rotationAnchor: T0, nextRotationAt: UNKNOWN_VALUE, rotationCount: 2, rotationReason: "rotation period elapsed" });
  });
});

describe("planRotation in a preview with unknown inputs", () => {
  test("unknown keeper makes the plan unknown", () => {
    const plan = planRotation(createdAtT0(), settings({ rotateAfter: "30d", keepers: { owner: UNKNOWN_VALUE } }), new Date("2026-01-10T00:00:00.000Z"));

    expect(plan).toEqual({ rotationAnchor: T0, nextRotationAt: UNKNOWN_VALUE, rotationCount: UNKNOWN_VALUE, rotationReason: UNKNOWN_VALUE });
  });

  test("unknown length makes the plan unknown", () => {
    expect(planRotation(createdAtT0(), settings({ length: UNKNOWN_VALUE }), new Date(T0)).rotationCount).toBe(UNKNOWN_VALUE);
  });

  test("unknown period leaves the count known", () => {
    const plan = planRotation(createdAtT0(), settings({ rotateAfter: UNKNOWN_VALUE }), new Date("2026-01-10T00:00:00.000Z"));

    expect(plan).toMatchObject({ nextRotationAt: UNKNOWN_VALUE, rotationCount: 1 });
  });
});
