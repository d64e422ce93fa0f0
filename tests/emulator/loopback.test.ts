import { isLoopback } from "../../emulator/loopback";

describe("isLoopback", () => {
  test.each([
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.5", false],
    ["192.168.1.10", false],
    ["::ffff:10.0.0.5", false],
    ["fe80::1", false],
    ["127.example.com", false],
    [undefined, false],
  ])("%s is %s", (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});
