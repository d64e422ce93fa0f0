import * as pulumi from "@pulumi/pulumi";
import { GeneratedPassword, UserPassword } from "gcore-rotate";

/** One Gcore account of the stack, from the `accounts` config list. */
interface Account {
  /** A short name, unique in the stack, used in resource names and as the key of the secret maps. */
  name: string;
  /** The numeric id of the Gcore user. */
  userId: number;
}

const DAY_MILLISECONDS = 24 * 60 * 60 * 1000;

/**
 * Rotates the passwords of several Gcore accounts in one stack, on staggered days: the accounts'
 * rotation anchors are spread evenly over one period, so with 30 days and three accounts they rotate
 * 10 days apart. A failed rotation or a locked-out account then affects one account at a time.
 *
 * Config (project namespace): `accounts` (a list of { name, userId }), `currentPasswords` and
 * `apiKeys` (secret maps from account name to the account's current password and to a permanent API
 * token of that same user), and optionally `rotateAfterDays` (default 30) and `firstRotation` (the
 * first account's anchor, ISO 8601, default "2026-01-01T03:00:00Z"). Provider config:
 * `gcore:baseUrl` (optional).
 */
export = async function rotateStaggered(): Promise<Record<string, pulumi.Input<unknown>>> {
  const config = new pulumi.Config();
  const accounts = config.requireObject<Account[]>("accounts");
  const currentPasswords = config.requireSecretObject<Record<string, string>>("currentPasswords");
  const apiKeys = config.requireSecretObject<Record<string, string>>("apiKeys");
  const rotateAfterDays = config.getNumber("rotateAfterDays") ?? 30;
  const firstRotation = Date.parse(config.get("firstRotation") ?? "2026-01-01T03:00:00Z");

  const outputs: Record<string, pulumi.Input<unknown>> = {};
  accounts.forEach((account, index) => {
    const offset = Math.floor((index * rotateAfterDays * DAY_MILLISECONDS) / accounts.length);

    const generated = new GeneratedPassword(`${account.name}-generated-password`, {
      rotateAfter: `${rotateAfterDays}d`,
      rotationAnchor: new Date(firstRotation + offset).toISOString(),
    });

    // Gcore lets an API token change only its own user's password, so each account brings its own.
    const user = new UserPassword(`${account.name}-password`, {
      userId: account.userId,
      currentPassword: currentPasswords.apply((passwords) => passwords[account.name]),
      apiKey: apiKeys.apply((keys) => keys[account.name]),
      password: generated.result,
    });

    outputs[account.name] = {
      userId: user.userId,
      password: user.password,
      rotatedAt: user.rotatedAt,
      rotationCount: user.rotationCount,
      nextRotationAt: generated.nextRotationAt,
    };
  });

  return outputs;
};
