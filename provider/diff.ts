import type * as pulumi from "@pulumi/pulumi";

import { isUnknown } from "./unknown-value";

/**
 * Decides what a change of inputs does to a `UserPassword`.
 * `stored` is the resource's state (the outputs of the last create or update), `news` the checked inputs.
 * A new `userId` replaces the resource; a new `password` is an update, which rotates the password.
 * A new `currentPassword` is an update too: it declares the account's real password after a change
 * made outside the stack. State written before `currentPassword` was recorded never shows that change.
 */
export function diffUserPassword(stored: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  const changed: string[] = [];

  if (isUnknown(news.userId) || Number(news.userId) !== Number(stored.userId)) {
    replaces.push("userId");
  }
  if (isUnknown(news.password) || news.password !== stored.password) {
    changed.push("password");
  }
  if (stored.currentPassword !== undefined && news.currentPassword !== undefined && news.currentPassword !== stored.currentPassword) {
    changed.push("currentPassword");
  }
  if (isUnknown(news.apiKey) || (news.apiKey ?? null) !== (stored.apiKey ?? null)) {
    changed.push("apiKey");
  }
  if ((typeof news.verifyOnRefresh === "boolean" ? news.verifyOnRefresh : undefined) !== stored.verifyOnRefresh) {
    changed.push("verifyOnRefresh");
  }

  return {
    changes: replaces.length > 0 || changed.length > 0,
    replaces,
    deleteBeforeReplace: false,
  };
}
