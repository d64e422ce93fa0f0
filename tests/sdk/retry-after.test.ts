import { parseRetryAfter } from "../../sdk/retry-after";

const NOW = Date.parse("2030-01-01T00:00:00Z");

describe("parseRetryAfter", () => {
  test.each<[string | undefined, number | undefined]>([
    ["30", 30],
    [" 0 ", 0],
    ["Tue, 01 Jan 2030 00:02:00 GMT", 120],
    ["Tue, 01 Jan 2030 00:00:00 GMT", 0],
    ["Mon, 31 Dec 2029 23:00:00 GMT", 0],
    ["Tuesday, 01-Jan-30 00:00:10 GMT", 10],
    ["Tue, 01 Jan 2030 00:00:00.500 GMT", 1],
    [undefined, undefined],
    ["", undefined],
    ["-5", undefined],
    ["1.5", undefined],
    ["2030-01-01", undefined],
    ["soon", undefined],
  ])("parses %p as %p", (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});
