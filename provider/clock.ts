/** A source of the current time, so tests can control it. */
export interface Clock {
  /** Returns the current time. */
  now(): Date;
}

/** The clock that reads the system time. */
export const systemClock: Clock = { now: () => new Date() };
