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

// A positive whole number of at most six digits, then one unit letter. Six digits keep every
// schedule time far inside the range of a JavaScript Date.
const PERIOD_PATTERN = /^([1-9][0-9]{0,5})([mhdw])$/;

/** The shape of a valid `rotateAfter` value, for error messages. */
export const PERIOD_SHAPE =
  'a whole number followed by m (minutes), h (hours), d (days) or w (weeks), for example "30d", "12h" or "90m"';

/** Parses a `rotateAfter` value such as "30d", or returns a message that quotes the bad value and the expected shape. */
export function parseRotationPeriod(value: unknown): RotationPeriod | { problem: string } {
  const match = typeof value === "string" ? PERIOD_PATTERN.exec(value) : null;
  if (!match) {
    return { problem: `rotateAfter ${JSON.stringify(value)} is invalid. Use ${PERIOD_SHAPE}.` };
  }

  return { text: value as string, milliseconds: Number(match[1]) * UNIT_MILLISECONDS[match[2]] };
}

// An ISO 8601 UTC or offset time such as "2026-01-01T00:00:00Z", or a date alone, which means UTC midnight.
const ANCHOR_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Parses a `rotationAnchor` value, or returns a message that quotes the bad value and the expected shape. */
export function parseRotationAnchor(value: unknown): Date | { problem: string } {
  const time = typeof value === "string" && ANCHOR_PATTERN.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    return {
      problem: `rotationAnchor ${JSON.stringify(value)} is invalid. Use an ISO 8601 time with a time zone, for example "2026-01-01T09:00:00Z", or a date such as "2026-01-01" for midnight UTC.`,
    };
  }

  return new Date(time);
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
