import { diffUserPassword } from "../../provider/diff";
import { UNKNOWN_VALUE } from "../../provider/inputs";

const stored = { userId: 42, password: "Stored-Password-1", accessToken: "a", refreshToken: "r" };

describe("diffUserPassword", () => {
  test.each([
    ["same inputs", { userId: 42, password: "Stored-Password-1" }, false, []],
    ["new password", { userId: 42, password: "Next-Password-2" }, true, []],
    ["unknown password", { userId: 42, password: UNKNOWN_VALUE }, true, []],
    ["new userId", { userId: 43, password: "Stored-Password-1" }, true, ["userId"]],
    ["unknown userId", { userId: UNKNOWN_VALUE, password: "Stored-Password-1" }, true, ["userId"]],
    ["changed currentPassword only", { userId: 42, currentPassword: "Other-1", password: "Stored-Password-1" }, false, []],
  ])("%s", (_case, news, changes, replaces) => {
    const result = diffUserPassword(stored, news);

    expect(result.changes).toBe(changes);
    expect(result.replaces).toEqual(replaces);
  });
});

describe("diffUserPassword verifyOnRefresh", () => {
  test("removed setting is a change", () => {
    const result = diffUserPassword({ ...stored, verifyOnRefresh: true }, { userId: 42, password: "Stored-Password-1" });

    expect(result.changes).toBe(true);
  });

  test("unset on both sides is no change", () => {
    const result = diffUserPassword(stored, { userId: 42, password: "Stored-Password-1" });

    expect(result.changes).toBe(false);
  });
});
