import { retryDelayMs, type AttemptOutcome, type RetrySettings } from "../../sdk/retry-policy";

const NOW = Date.UTC(2030, 0, 1);

function settings(overrides: Partial<RetrySettings> = {}): RetrySettings {
  return { maxRetries: 2, random: () => 0.5, now: () => NOW, ...overrides };
}

const status = (code: number, retryAfter?: string): AttemptOutcome => ({ kind: "response", status: code, retryAfter });

describe("retryDelayMs", () => {
  test.each([
    ["408", status(408)],
    ["429", status(429)],
    ["500", status(500)],
    ["502", status(502)],
    ["503", status(503)],
    ["599", status(599)],
    ["connection failure", { kind: "connection-failure" } as AttemptOutcome],
    ["timeout", { kind: "timeout" } as AttemptOutcome],
  ])("retries %s", (_case, outcome) => {
    expect(retryDelayMs(true, outcome, 0, settings())).toBe(250);
  });

  test.each([
    ["200", status(200)],
    ["400", status(400)],
    ["401", status(401)],
    ["403", status(403)],
    ["404", status(404)],
    ["409", status(409)],
    ["413", status(413)],
    ["302", status(302)],
  ])("does not retry %s", (_case, outcome) => {
    expect(retryDelayMs(true, outcome, 0, settings())).toBeUndefined();
  });

  test.each([
    ["503", status(503)],
    ["429 with Retry-After", status(429, "1")],
    ["connection failure", { kind: "connection-failure" } as AttemptOutcome],
    ["timeout", { kind: "timeout" } as AttemptOutcome],
  ])("never retries a non-retryable call after %s", (_case, outcome) => {
    expect(retryDelayMs(false, outcome, 0, settings())).toBeUndefined();
  });

  test("stops after maxRetries", () => {
    expect(retryDelayMs(true, status(503), 1, settings())).toBeDefined();
    expect(retryDelayMs(true, status(503), 2, settings())).toBeUndefined();
    expect(retryDelayMs(true, status(503), 0, settings({ maxRetries: 0 }))).toBeUndefined();
  });

  test.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 8000],
    [9, 8000],
  ])("backoff cap after %i retries is %i ms", (retriesSoFar, cap) => {
    const almostOne = 1 - Number.EPSILON;

    expect(retryDelayMs(true, status(500), retriesSoFar, settings({ maxRetries: 10, random: () => almostOne }))).toBe(cap - 1);
    expect(retryDelayMs(true, status(500), retriesSoFar, settings({ maxRetries: 10, random: () => 0 }))).toBe(0);
  });

  test.each([
    ["seconds", "7", 7000],
    ["zero", "0", 0],
    ["the 60 s cap", "60", 60_000],
    ["an HTTP-date", new Date(NOW + 12_000).toUTCString(), 12_000],
  ])("Retry-After in %s wins", (_case, header, delay) => {
    expect(retryDelayMs(true, status(429, header), 0, settings())).toBe(delay);
    expect(retryDelayMs(true, status(503, header), 0, settings())).toBe(delay);
  });

  test.each([
    ["over 60 s", "61"],
    ["invalid", "soon"],
    ["negative", "-5"],
  ])("Retry-After %s falls back to backoff", (_case, header) => {
    expect(retryDelayMs(true, status(429, header), 0, settings())).toBe(250);
  });
});
