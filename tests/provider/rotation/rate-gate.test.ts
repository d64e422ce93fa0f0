import { RateGate } from "../../../provider/rotation/rate-gate";

describe("RateGate", () => {
  test("limits calls in flight", async () => {
    const gate = new RateGate(2);
    let inFlight = 0;
    let maxInFlight = 0;
    const call = async (): Promise<void> => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
    };

    await Promise.all(Array.from({ length: 6 }, () => gate.run(call)));

    expect(maxInFlight).toBe(2);
  });

  test("pause holds back later calls", async () => {
    let now = 1_000;
    const slept: number[] = [];
    const gate = new RateGate(4, () => now, async (milliseconds) => {
      slept.push(milliseconds);
      now += milliseconds;
    });

    gate.pause(3);
    const startedAt = await gate.run(async () => now);

    expect(slept).toEqual([3000]);
    expect(startedAt).toBe(4_000);
  });

  test("longest pause wins", async () => {
    let now = 0;
    const gate = new RateGate(1, () => now, async (milliseconds) => {
      now += milliseconds;
    });

    gate.pause(5);
    gate.pause(1);
    await gate.run(async () => undefined);

    expect(now).toBe(5000);
  });
});
