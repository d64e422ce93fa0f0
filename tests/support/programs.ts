import * as pulumi from "@pulumi/pulumi";

import { UserPassword } from "../../provider";

/**
 * A program with one UserPassword whose inputs come from project config: `userId`, `currentPassword`,
 * `password`, and optionally `verifyOnRefresh` and `adopt`.
 */
export async function configuredUserPassword(): Promise<Record<string, pulumi.Output<unknown>>> {
  const config = new pulumi.Config();
  const verifyOnRefresh = config.getBoolean("verifyOnRefresh");
  const adopt = config.getBoolean("adopt");

  const user = new UserPassword(
    "account-password",
    {
      userId: config.requireNumber("userId"),
      currentPassword: config.requireSecret("currentPassword"),
      password: config.requireSecret("password"),
      ...(verifyOnRefresh === undefined ? {} : { verifyOnRefresh }),
      ...(adopt === undefined ? {} : { adopt }),
    },
  );

  return { syncStatus: user.syncStatus, rotationReason: user.rotationReason, rotationCount: user.rotationCount };
}
