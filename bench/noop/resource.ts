import * as pulumi from "@pulumi/pulumi";

import { SECRET_OUTPUT_KEYS, type UserPasswordArgs } from "../../provider";
import { noopPasswordProvider } from "./serialized-provider";

/**
 * A resource with `UserPassword`'s arguments, property keys and secret outputs, backed by the no-op
 * provider: the benchmark's floor B.
 */
export class NoopPassword extends pulumi.dynamic.Resource {
  constructor(name: string, args: UserPasswordArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      userId: args.userId,
      currentPassword: pulumi.secret(args.currentPassword),
      password: pulumi.secret(args.password),
      verifyOnRefresh: args.verifyOnRefresh,
      adopt: args.adopt,
      apiKey: args.apiKey === undefined ? undefined : pulumi.secret(args.apiKey),
      accessToken: undefined,
      refreshToken: undefined,
      accessTokenExpiresAt: undefined,
      refreshTokenExpiresAt: undefined,
      rotatedAt: undefined,
      rotationCount: undefined,
      passwordVersion: undefined,
      rotationReason: undefined,
      syncStatus: undefined,
    };
    const secretOptions: pulumi.CustomResourceOptions = { additionalSecretOutputs: [...SECRET_OUTPUT_KEYS] };

    super(noopPasswordProvider, name, props, pulumi.mergeOptions(opts, secretOptions), "gcore", "NoopPassword");
  }
}
