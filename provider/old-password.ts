import type { UserPasswordInputs } from "./inputs";
import type { UserPasswordOutputs } from "./outputs";
import { isOutOfSync } from "./sync-status";

/** The password an update sends as `old`, and a name for it that error messages can show. */
export interface OldPassword {
  value: string;
  source: string;
}

/**
 * Chooses the old password of an update: the password stored in state, unless the user has since
 * changed `currentPassword`, which declares the account's real password after a change made outside
 * the stack. After a refresh found the stored password rejected, `currentPassword` is the only
 * candidate, even when it kept its value (the account may have been reset to it), unless it equals
 * the rejected stored password.
 */
export function chooseOldPassword(stored: Partial<UserPasswordOutputs>, news: UserPasswordInputs): OldPassword {
  const declared = stored.currentPassword !== undefined && news.currentPassword !== undefined && news.currentPassword !== stored.currentPassword;
  const afterDrift = isOutOfSync(stored.syncStatus) && news.currentPassword !== undefined && news.currentPassword !== stored.password;
  if (declared || afterDrift || stored.password === undefined) {
    return { value: news.currentPassword, source: "currentPassword" };
  }
  return { value: stored.password, source: "the password stored in state" };
}
