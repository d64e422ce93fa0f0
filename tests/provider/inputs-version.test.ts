import { annotateRotation } from "../../provider/inputs-version";
import { UNKNOWN_VALUE } from "../../provider/unknown-value";

const olds = { userId: 42, currentPassword: "Start-0", password: "Stored-1", passwordVersion: 3, rotationReason: "password input changed" };

describe("annotateRotation", () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>, number, string]>([
    ["creation", {}, { userId: 42, password: "P-1" }, 1, "first creation"],
    ["new password", olds, { ...olds, password: "P-2" }, 4, "password input changed"],
    ["unknown password", olds, { ...olds, password: UNKNOWN_VALUE }, 4, "password input depends on a resource that is changing"],
    ["declared current password", olds, { ...olds, currentPassword: "Real-9" }, 3, "current password declared"],
    ["nothing changed", olds, { userId: 42, currentPassword: "Start-0", password: "Stored-1" }, 3, "password input changed"],
    ["legacy state unchanged", { userId: 42, currentPassword: "Start-0", password: "Stored-1" }, { userId: 42, currentPassword: "Start-0", password: "Stored-1" }, 1, "first creation"],
  ])("%s", (_case, before, after, version, reason) => {
    expect(annotateRotation(before, after)).toEqual({ passwordVersion: version, rotationReason: reason });
  });
});
