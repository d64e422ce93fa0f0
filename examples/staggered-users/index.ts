import * as pulumi from "@pulumi/pulumi";
import { GeneratedPassword, UserPassword } from "gcore-rotate";

/**
 * Rotates the password of the account this stack is configured for, on a schedule that starts at
 * the stack's own `rotationAnchor`. Give each account its own stack and an anchor that differs by a
 * fraction of the period, so the accounts rotate on different days.
 *
 * Config (project namespace): `userId`, `currentPassword` (secret), `rotationAnchor` (ISO 8601) and
 * optionally `rotateAfter` (default "30d") and `passwordLength` (default 24). Provider config:
 * `gcore:apiKey` (secret, a permanent API token of the same user) and optionally `gcore:baseUrl`.
 */
export = async function rotateStaggered(): Promise<Record<string, pulumi.Input<unknown>>> {
  const config = new pulumi.Config();

  const generated = new GeneratedPassword("account-generated-password", {
    rotateAfter: config.get("rotateAfter") ?? "30d",
    rotationAnchor: config.require("rotationAnchor"),
    length: config.getNumber("passwordLength") ?? 24,
  });

  const account = new UserPassword("account-password", {
    userId: config.requireNumber("userId"),
    currentPassword: config.requireSecret("currentPassword"),
    password: generated.result,
  });

  return {
    userId: account.userId,
    password: account.password,
    rotatedAt: account.rotatedAt,
    rotationCount: generated.rotationCount,
    rotationReason: generated.rotationReason,
    nextRotationAt: generated.nextRotationAt,
  };
};
