import type { UserPasswordInputs } from "./inputs";
import type { UserPasswordOutputs } from "./outputs";

/**
 * Tells whether an update only replaces the resource's API key or its verifyOnRefresh setting, so it
 * records them without touching the password.
 */
export function onlyCredentialsChanged(stored: UserPasswordOutputs, news: UserPasswordInputs): boolean {
  const passwordChanged = news.password !== stored.password;
  const currentDeclared = stored.currentPassword !== undefined && news.currentPassword !== stored.currentPassword;
  return !passwordChanged && !currentDeclared;
}

/** Returns the stored state with the new API key and verifyOnRefresh setting, and nothing else changed. */
export function recordCredentials(stored: UserPasswordOutputs, news: UserPasswordInputs): UserPasswordOutputs {
  const { apiKey: _oldKey, verifyOnRefresh: _oldSetting, ...rest } = stored;
  return {
    ...rest,
    ...(news.apiKey === undefined ? {} : { apiKey: news.apiKey }),
    ...(typeof news.verifyOnRefresh === "boolean" ? { verifyOnRefresh: news.verifyOnRefresh } : {}),
  };
}
