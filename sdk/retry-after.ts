/**
 * Parses a Retry-After header value into whole seconds to wait.
 *
 * Accepts both forms HTTP allows: a number of seconds ("120") and an HTTP-date
 * ("Wed, 21 Oct 2015 07:28:00 GMT"), which counts from `now` and rounds up. A date in the
 * past gives 0. Returns undefined for a missing or invalid value.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) {
    return undefined;
  }
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }

  // Date.parse also accepts loose forms such as "2024", so only values shaped like an HTTP-date count.
  if (!/^[A-Za-z]{3,9},? /.test(trimmed)) {
    return undefined;
  }
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, Math.ceil((date - now) / 1000));
}
