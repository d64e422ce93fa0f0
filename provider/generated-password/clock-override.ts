import { systemClock, type Clock } from "../clock";

/**
 * The environment variable that sets the provider's current time, as an ISO 8601 time such as
 * "2026-03-01T00:00:00Z". It is a test hook: end-to-end tests set it to move a stack past its rotation
 * period without waiting. Leave it unset everywhere else, because a fixed time stops scheduled rotations.
 */
export const NOW_OVERRIDE_VARIABLE = "GCORE_ROTATE_NOW";

// An ISO 8601 time with seconds and a time zone. Milliseconds are optional.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/** Creates the clock the provider uses: the time in `GCORE_ROTATE_NOW` when it is set, else the system time. */
export function environmentClock(env: NodeJS.ProcessEnv = process.env): Clock {
  return { now: () => readNowOverride(env) ?? systemClock.now() };
}

/** Reads `GCORE_ROTATE_NOW`. Returns undefined when it is unset or empty, and throws when it is not an ISO 8601 time. */
export function readNowOverride(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const value = env[NOW_OVERRIDE_VARIABLE];
  if (value === undefined || value === "") {
    return undefined;
  }
  if (!ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new Error(
      `${NOW_OVERRIDE_VARIABLE} ${JSON.stringify(value)} is invalid. Use an ISO 8601 time such as "2026-03-01T00:00:00Z", or unset it: it is a test hook that fixes the provider's clock.`,
    );
  }
  return new Date(value);
}
