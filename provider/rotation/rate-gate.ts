import pLimit from "p-limit";

/** The sleep function a `RateGate` waits with; tests replace it. */
export type Sleep = (milliseconds: number) => Promise<void>;

/** The real sleep. */
export const realSleep: Sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * One client-side limit for every Gcore call a provider process makes, shared by all resources of a
 * stack: at most `maxConcurrent` calls in flight, and after a 429 no call starts before the
 * Retry-After time has passed, so many resources do not storm the API.
 */
export class RateGate {
  private readonly limit: pLimit.Limit;
  private pausedUntil = 0;

  constructor(
    maxConcurrent: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: Sleep = realSleep,
  ) {
    this.limit = pLimit(maxConcurrent);
  }

  /** Runs a call when a slot is free and no pause is in effect. */
  run<T>(call: () => Promise<T>): Promise<T> {
    return this.limit(async () => {
      await this.waitForPause();
      return call();
    });
  }

  /** Holds back every call of this process for the given number of seconds. */
  pause(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + seconds * 1000);
  }

  private async waitForPause(): Promise<void> {
    for (let remaining = this.pausedUntil - this.now(); remaining > 0; remaining = this.pausedUntil - this.now()) {
      await this.sleep(remaining);
    }
  }
}
