/** Manually advanced clock for `EmulatorOptions.now`. */
export class FakeClock {
  private current: number;

  constructor(startMs = Date.UTC(2030, 0, 15, 12, 0, 0)) {
    this.current = startMs;
  }

  /** Current time in milliseconds since the epoch. Bound, so it can be passed as `now`. */
  readonly now = (): number => this.current;

  advance(ms: number): void {
    this.current += ms;
  }

  /** Current time in whole seconds, the unit of the `exp` claim. */
  seconds(): number {
    return Math.floor(this.current / 1000);
  }
}
