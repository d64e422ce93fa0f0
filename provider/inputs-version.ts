import { isUnknown } from "./unknown-value";

/** The cause of the next password change in plain words; previews show it because it is an input. */
export type RotationReason =
  | "first creation"
  | "account adopted"
  | "password input changed"
  | "password input depends on a resource that is changing"
  | "current password declared";

/**
 * Adds the non-secret inputs `passwordVersion` and `rotationReason` to checked inputs.
 *
 * Dynamic providers cannot return a detailed diff and previews mask secret values, so a preview of a
 * rotation would show only `~ password: [secret]`. These two plain inputs make the preview show the cause:
 * `passwordVersion` counts the password values this resource has asked for, and `rotationReason` names
 * the latest cause. When nothing relevant changed they keep their recorded values, so there is no diff.
 */
export function annotateRotation(olds: Record<string, unknown>, news: Record<string, unknown>): { passwordVersion: number; rotationReason: RotationReason } {
  const recordedVersion = typeof olds.passwordVersion === "number" ? olds.passwordVersion : 1;
  const recordedReason = (olds.rotationReason as RotationReason | undefined) ?? "first creation";

  if (Object.keys(olds).length === 0) {
    const adopting = news.adopt === true && news.password === news.currentPassword;
    return { passwordVersion: 1, rotationReason: adopting ? "account adopted" : "first creation" };
  }
  // NOTE: a new userId replaces the resource, and the engine checks the replacement without old
  // inputs, so it reads as "first creation"; the preview's `+-` on userId shows the cause.
  if (isUnknown(news.password)) {
    return { passwordVersion: recordedVersion + 1, rotationReason: "password input depends on a resource that is changing" };
  }
  if (news.password !== olds.password) {
    return { passwordVersion: recordedVersion + 1, rotationReason: "password input changed" };
  }
  if (news.currentPassword !== undefined && olds.currentPassword !== undefined && news.currentPassword !== olds.currentPassword) {
    return { passwordVersion: recordedVersion, rotationReason: "current password declared" };
  }
  return { passwordVersion: recordedVersion, rotationReason: recordedReason };
}
