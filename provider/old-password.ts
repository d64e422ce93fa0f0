import type { UserPasswordInputs } from "./inputs";
import type { UserPasswordOutputs } from "./outputs";

/** The password an update sends as `old`, and a name for it that error messages can show. */
export interface OldPassword {
  value: string;
  source: string;
}

/**
 * Chooses the old password of an update: the password stored in state, unless the user has since
 * changed `currentPassword`, which declares the account's real password after a change made outside
 * the stack. An unchanged `currentPassword` is never sent after drift: it is usually the stale
 * value from creation, and a wrong guess counts toward Gcore's lockout. An account reset to that
 * value recovers with `pulumi up --replace`, whose creation starts from `currentPassword`.
 */
export function chooseOldPassword(stored: Partial<UserPasswordOutputs>, news: UserPasswordInputs): OldPassword {
  const declared = stored.currentPassword !== undefined && news.currentPassword !== undefined && news.currentPassword !== stored.currentPassword;
  if (declared || stored.password === undefined) {
    return { value: news.currentPassword, source: "currentPassword" };
  }
  return { value: stored.password, source: "the password stored in state" };
}
