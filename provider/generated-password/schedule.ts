/**
 * The rotation schedule of a `GeneratedPassword`: a period such as "30d" and an anchor time.
 * Rotations fall on `anchor + k × period` for whole numbers k, so a run that starts late does not
 * move later rotations. All arithmetic is in milliseconds of UTC time: a day is always 24 hours and
 * daylight saving time plays no part.
 */

/** A parsed `rotateAfter` value. */
export interface RotationPeriod {
  /** The value as the user wrote it, such as "30d". */
  text: string;
  /** The length of the period in milliseconds. */
  milliseconds: number;
}

/** Milliseconds per unit of a `rotateAfter` value. */
const UNIT_MILLISECONDS: Record<string, number> = {
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  w: 7 * 24 * 60 * 60 * 1000,
};

/** The maximum period in days, whatever unit the value uses. */
export const MAX_PERIOD_DAYS = 999999;

// The next rotation lies at most one period after now, so a period of at most 999999 days (about
// 2738 years) keeps it before the year 10000 for any run before the year 7200. Later times print
// as "+010000-..." in ISO 8601, which the pipeline's report rejects.
const MAX_PERIOD_MILLISECONDS = MAX_PERIOD_DAYS * UNIT_MILLISECONDS.d;

// A positive whole number, then one unit letter.
const PERIOD_PATTERN = /^([1-9][0-9]*)([mhdw])$/;

/** The shape of a valid `rotateAfter` value, for error messages. */
export const PERIOD_SHAPE =
  'a whole number followed by m (minutes), h (hours), d (days) or w (weeks), for example "30d", "12h" or "90m"';

/** Parses a `rotateAfter` value such as "30d", or returns a message that quotes the bad value and the expected shape. */
export function parseRotationPeriod(value: unknown): RotationPeriod | { problem: string } {
  if (typeof value === "string" && value.trim() === "") {
    const emptiness = value === "" ? "is empty" : "contains only white space";
    return {
      problem: `rotateAfter ${JSON.stringify(value)} ${emptiness}. Set it to a period such as "30d", "12h" or "90m", or leave rotateAfter out to never rotate on a schedule.`,
    };
  }
  const match = typeof value === "string" ? PERIOD_PATTERN.exec(value) : null;
  if (!match) {
    return { problem: `rotateAfter ${JSON.stringify(value)} is invalid. Use ${PERIOD_SHAPE}.` };
  }

  const milliseconds = Number(match[1]) * UNIT_MILLISECONDS[match[2]];
  if (milliseconds > MAX_PERIOD_MILLISECONDS) {
    return {
      problem: `rotateAfter ${JSON.stringify(value)} is invalid because it is longer than ${MAX_PERIOD_DAYS} days. Use a shorter period, for example "30d", "12h" or "90m".`,
    };
  }
  return { text: value as string, milliseconds };
}

// An ISO 8601 UTC or offset time such as "2026-01-01T00:00:00Z", or a date alone, which means UTC midnight.
// The groups are year, month, day, hour, minute, second, offset sign, offset hours and offset minutes.
const ANCHOR_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|([+-])(\d{2}):(\d{2})))?$/;

/** Parses a `rotationAnchor` value, or returns a message that quotes the bad value and the expected shape. */
export function parseRotationAnchor(value: unknown): Date | { problem: string } {
  const match = typeof value === "string" ? ANCHOR_PATTERN.exec(value) : null;
  const time = match ? Date.parse(value as string) : Number.NaN;
  if (!match || Number.isNaN(time)) {
    return {
      problem: `rotationAnchor ${JSON.stringify(value)} is invalid. Use an ISO 8601 time with a time zone, for example "2026-01-01T09:00:00Z", or a date such as "2026-01-01" for midnight UTC.`,
    };
  }
  if (!hasWrittenFields(match, time)) {
    return {
      problem: `rotationAnchor ${JSON.stringify(value)} is invalid because that date or time does not exist. Use a day that exists in its month, hours from 00 to 23 and minutes and seconds from 00 to 59.`,
    };
  }

  return new Date(time);
}

/**
 * Tells whether `time`, read in the written offset, has the written calendar fields. `Date.parse`
 * rolls impossible values over instead of rejecting them: "2026-02-30" becomes March 2 and
 * "T24:00" becomes midnight of the next day.
 */
function hasWrittenFields(match: RegExpExecArray, time: number): boolean {
  const [, year, month, day, hour = "00", minute = "00", second = "00", sign, offsetHours = "00", offsetMinutes = "00"] = match;
  const offsetMilliseconds = (sign === "-" ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * UNIT_MILLISECONDS.m;
  const localTime = new Date(time + offsetMilliseconds);

  const written = [year, month, day, hour, minute, second].map(Number);
  const parsed = [
    localTime.getUTCFullYear(),
    localTime.getUTCMonth() + 1,
    localTime.getUTCDate(),
    localTime.getUTCHours(),
    localTime.getUTCMinutes(),
    localTime.getUTCSeconds(),
  ];
  return written.every((field, index) => field === parsed[index]);
}

/**
 * Returns the first scheduled rotation time strictly after `after`: the smallest `anchor + k × period`
 * greater than `after`, for any whole number k. The anchor may lie in the past or the future.
 */
export function nextRotationTime(anchor: Date, period: RotationPeriod, after: Date): Date {
  const periodsSinceAnchor = Math.floor((after.getTime() - anchor.getTime()) / period.milliseconds);

  return new Date(anchor.getTime() + (periodsSinceAnchor + 1) * period.milliseconds);
}

/** Decides whether a rotation scheduled for `nextRotationAt` is due at `now`: due from that exact millisecond on. */
export function isRotationDue(nextRotationAt: Date, now: Date): boolean {
  return now.getTime() >= nextRotationAt.getTime();
}
