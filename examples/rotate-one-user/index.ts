import * as pulumi from "@pulumi/pulumi";
import { GeneratedPassword, UserPassword } from "gcore-rotate";

/**
 * Rotates one Gcore account's password every 30 days with a generated password.
 *
 * Config (project namespace): `userId`, `currentPassword` (secret, the account's password today) and
 * optionally `rotateAfter` (default "30d"). Provider config: `gcore:apiKey` (secret, a permanent API
 * token of the same user) and optionally `gcore:baseUrl`.
 */
export = async function rotateOneUser(): Promise<Record<string, pulumi.Input<unknown>>> {
  const config = new pulumi.Config();

  // The generated value is written to state, as a secret, before the password change below uses it.
  const generated = new GeneratedPassword("account-generated-password", {
    rotateAfter: config.get("rotateAfter") ?? "30d",
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
    rotationCount: account.rotationCount,
    rotationReason: generated.rotationReason,
    nextRotationAt: generated.nextRotationAt,
  };
};
