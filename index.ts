import * as pulumi from "@pulumi/pulumi";

import { UserPassword } from "./provider";

/**
 * The root stack: one `UserPassword` whose inputs come from stack configuration.
 *
 * Config keys (project namespace `gcore-rotate`): `userId`, `currentPassword` (secret) and
 * `password` (secret). Provider keys: `gcore:apiKey` (secret) and `gcore:baseUrl`.
 * Pulumi calls the exported function and publishes what it returns as stack outputs.
 */
export = async function rotateOneUser(): Promise<Record<string, pulumi.Output<unknown>>> {
  const config = new pulumi.Config();

  const user = new UserPassword("account-password", {
    userId: config.requireNumber("userId"),
    currentPassword: config.requireSecret("currentPassword"),
    password: config.requireSecret("password"),
  });

  return {
    userId: user.userId,
    accessToken: user.accessToken,
    refreshToken: user.refreshToken,
    accessTokenExpiresAt: user.accessTokenExpiresAt,
    refreshTokenExpiresAt: user.refreshTokenExpiresAt,
    rotatedAt: user.rotatedAt,
  };
};
