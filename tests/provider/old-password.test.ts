import type { UserPasswordInputs } from "../../provider/inputs";
import { chooseOldPassword } from "../../provider/old-password";

const news = (currentPassword: string): UserPasswordInputs => ({
  userId: 42,
  currentPassword,
  password: "Next-2",
  passwordVersion: 2,
  rotationReason: "password input changed",
});

describe("chooseOldPassword", () => {
  test("uses stored password normally", () => {
    const chosen = chooseOldPassword({ password: "Stored-1", currentPassword: "Start-0" }, news("Start-0"));

    expect(chosen).toEqual({ value: "Stored-1", source: "the password stored in state" });
  });

  test("uses declared currentPassword after change", () => {
    const chosen = chooseOldPassword({ password: "Stored-1", currentPassword: "Start-0" }, news("Real-9"));

    expect(chosen).toEqual({ value: "Real-9", source: "currentPassword" });
  });

  test("ignores currentPassword for legacy state", () => {
    const chosen = chooseOldPassword({ password: "Stored-1" }, news("Anything-3"));

    expect(chosen.value).toBe("Stored-1");
  });
});

describe("chooseOldPassword after drift", () => {
  const outOfSync = "out of sync: the stored password no longer logs in";

  test("never sends stale currentPassword", () => {
    const chosen = chooseOldPassword({ password: "Stored-1", currentPassword: "Start-0", syncStatus: outOfSync }, news("Start-0"));

    expect(chosen.source).toBe("the password stored in state");
  });

  test("uses declared currentPassword", () => {
    const chosen = chooseOldPassword({ password: "Stored-1", currentPassword: "Start-0", syncStatus: outOfSync }, news("Real-9"));

    expect(chosen).toEqual({ value: "Real-9", source: "currentPassword" });
  });
});
