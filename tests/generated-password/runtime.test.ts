import type { Clock } from "../../provider/clock";
import type { GeneratedPasswordInputs } from "../../provider/generated-password/inputs";
import { GeneratedPasswordRuntime } from "../../provider/generated-password/runtime";
import type { GeneratedPasswordOutputs } from "../../provider/generated-password/state";

/** Creates a clock that tests move by hand. */
function manualClock(start: string): Clock & { set(time: string): void } {
  let now = new Date(start);
  return { now: () => now, set: (time) => (now = new Date(time)) };
}

describe("GeneratedPasswordRuntime", () => {
  const clock = manualClock("2026-01-01T00:00:00Z");
  const runtime = new GeneratedPasswordRuntime(clock);
  const args = { rotateAfter: "30d", keepers: { owner: "alice" } };
  let state: GeneratedPasswordOutputs;
  let inputs: GeneratedPasswordInputs;

  /** Runs check and diff as the engine does, and update when diff reports changes. */
  async function runUp(news: Record<string, unknown>): Promise<{ changed: boolean }> {
    const checked = await runtime.check({ ...inputs }, news);
    expect(checked.failures).toEqual([]);
    const diff = await runtime.diff("id", state, checked.inputs);
    if (diff.changes) {
      state = (await runtime.update("id", state, checked.inputs as GeneratedPasswordInputs)).outs as GeneratedPasswordOutputs;
    }
    inputs = checked.inputs as GeneratedPasswordInputs;
    return { changed: diff.changes === true };
  }

  test("create generates the first value", async () => {
    const checked = await runtime.check({}, args);
    inputs = checked.inputs as GeneratedPasswordInputs;

    const created = await runtime.create(inputs);
    state = created.outs as GeneratedPasswordOutputs;

    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(state.result).toHaveLength(24);
    expect(state).toMatchObject({
      rotatedAt: "2026-01-01T00:00:00.000Z",
      rotationCount: 1,
      rotationReason: "first generation",
      nextRotationAt: "2026-01-31T00:00:00.000Z",
      rotationAnchor: "2026-01-01T00:00:00.000Z",
    });
  });

  test("run before due changes nothing", async () => {
    const before = state.result;
    clock.set("2026-01-30T23:59:59.999Z");

    const { changed } = await runUp(args);

    expect(changed).toBe(false);
    expect(state.result).toBe(before);
  });

  test("run when due rotates once", async () => {
    const before = state.result;
    clock.set("2026-01-31T08:00:00Z");

    const { changed } = await runUp(args);

    expect(changed).toBe(true);
    expect(state.result).not.toBe(before);
    expect(state).toMatchObject({
      rotatedAt: "2026-01-31T08:00:00.000Z",
      rotationCount: 2,
      rotationReason: "rotation period elapsed",
      nextRotationAt: "2026-03-02T00:00:00.000Z",
    });
  });

  test("second run at same time does nothing", async () => {
    expect((await runUp(args)).changed).toBe(false);
  });

  test("new period keeps the value", async () => {
    const before = state.result;

    const { changed } = await runUp({ ...args, rotateAfter: "7d" });

    expect(changed).toBe(true);
    expect(state.result).toBe(before);
    expect(state).toMatchObject({ rotationCount: 2, rotateAfter: "7d", nextRotationAt: "2026-02-05T00:00:00.000Z", rotatedAt: "2026-01-31T08:00:00.000Z" });
  });

  test("keeper change rotates", async () => {
    const before = state.result;

    await runUp({ ...args, rotateAfter: "7d", keepers: { owner: "bob" } });

    expect(state.result).not.toBe(before);
    expect(state).toMatchObject({ rotationCount: 3, rotationReason: "keepers changed" });
  });

  test("overdue period edit rotates", async () => {
    const before = state.result;
    clock.set("2026-02-06T00:00:00Z");

    const { changed } = await runUp({ ...args, rotateAfter: "10d", keepers: { owner: "bob" } });

    expect(changed).toBe(true);
    expect(state.result).not.toBe(before);
    expect(state).toMatchObject({
      rotatedAt: "2026-02-06T00:00:00.000Z",
      rotationCount: 4,
      rotationReason: "rotation period elapsed",
      rotateAfter: "10d",
      nextRotationAt: "2026-02-10T00:00:00.000Z",
    });
  });

  test("check rejects an empty rotateAfter", async () => {
    const checked = await runtime.check({ ...inputs }, { ...args, rotateAfter: "" });

    expect(checked.failures).toEqual([{ property: "rotateAfter", reason: expect.stringContaining('rotateAfter "" is empty') }]);
  });

  test("read returns the state unchanged", async () => {
    expect(await runtime.read("id", state)).toEqual({ id: "id", props: state });
  });

  test("check reports invalid inputs", async () => {
    const checked = await runtime.check({ ...inputs }, { rotateAfter: "monthly" });

    expect(checked.failures).toEqual([{ property: "rotateAfter", reason: expect.stringContaining('rotateAfter "monthly" is invalid') }]);
  });

  test("checked inputs hold no undefined value", async () => {
    const checked = await runtime.check({}, {});

    expect(Object.values(checked.inputs ?? {})).not.toContain(undefined);
  });
});
