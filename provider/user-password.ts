import * as pulumi from "@pulumi/pulumi";

import { PUBLIC_OUTPUT_KEYS, SECRET_OUTPUT_KEYS } from "./output-keys";
import { userPasswordProvider } from "./serialized-provider";
import { omitSecretsFromSdkDebugLog } from "./sdk-debug-log";
import { requireSupportedSdk } from "./sdk-version";

export { PUBLIC_OUTPUT_KEYS, SECRET_OUTPUT_KEYS };

// The program's process logs resource responses through the SDK; keep their secret values out.
omitSecretsFromSdkDebugLog();

/** The arguments of a `UserPassword` resource. */
export interface UserPasswordArgs {
  /** The numeric id of the Gcore user whose password this resource manages. Changing it replaces the resource. */
  userId: pulumi.Input<number>;
  /**
   * The password the account has when the resource is created. Used once, as the `old` password of the
   * first change; later rotations use the password stored in state.
   */
  currentPassword: pulumi.Input<string>;
  /** The desired password. Changing it rotates the account's password on the next `pulumi up`. */
  password: pulumi.Input<string>;
  /**
   * Whether `pulumi refresh` checks, with one log-in, that the stored password still works, and records
   * drift in `syncStatus`. Default: the stack config `gcore:verifyOnRefresh`, else false.
   */
  verifyOnRefresh?: pulumi.Input<boolean>;
  /**
   * Whether creation may take over an account that already has `password`: with `password` equal to
   * `currentPassword`, the first `pulumi up` confirms it with one log-in and changes nothing. Default false.
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * A permanent API token of this user (Gcore lets a token change only its own user's password), for
   * stacks that manage several users. Stored as a secret. Default: stack config `gcore:apiKey`, else `GCORE_API_KEY`.
   */
  apiKey?: pulumi.Input<string>;
}

/**
 * The password of one Gcore account, rotated through `PUT /iam/users/{userId}/password`.
 *
 * Creating the resource changes the password from `currentPassword` to `password`; editing `password`
 * changes it again from the password in state. Deleting the resource makes no API call and leaves the
 * account's password as it is.
 */
export class UserPassword extends pulumi.dynamic.Resource {
  /** The id of the Gcore user. */
  declare public readonly userId: pulumi.Output<number>;
  /** The account's password after the last change (secret). */
  declare public readonly password: pulumi.Output<string>;
  /** The access token that the last password change issued (secret). */
  declare public readonly accessToken: pulumi.Output<string>;
  /** The refresh token that the last password change issued (secret, single-use). */
  declare public readonly refreshToken: pulumi.Output<string>;
  /** When the access token expires, as an ISO 8601 timestamp read from the token's `exp` claim. */
  declare public readonly accessTokenExpiresAt: pulumi.Output<string>;
  /** When the refresh token expires, as an ISO 8601 timestamp read from the token's `exp` claim. */
  declare public readonly refreshTokenExpiresAt: pulumi.Output<string>;
  /** When the provider last changed the password, as an ISO 8601 timestamp. */
  declare public readonly rotatedAt: pulumi.Output<string>;
  /** How many times this resource has changed the password, its creation included. */
  declare public readonly rotationCount: pulumi.Output<number>;
  /** How many password values this resource has asked for; a preview shows it go up when a rotation is pending. */
  declare public readonly passwordVersion: pulumi.Output<number>;
  /** The cause of the latest rotation in plain words, such as "password input changed". */
  declare public readonly rotationReason: pulumi.Output<string>;
  /** "in sync", or a sentence starting "out of sync" after a refresh found the stored password rejected. */
  declare public readonly syncStatus: pulumi.Output<string>;

  constructor(name: string, args: UserPasswordArgs, opts?: pulumi.CustomResourceOptions) {
    requireSupportedSdk();
    const props = {
      userId: args.userId,
      // Wrapping the passwords keeps them secret in state even when the caller passed plain strings.
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

    super(userPasswordProvider, name, props, pulumi.mergeOptions(opts, secretOptions), "gcore", "UserPassword");
  }
}
