import * as pulumi from "@pulumi/pulumi";

import type { GenerationReason, KeeperValue } from "./inputs";
import { generatedPasswordProvider } from "./serialized-provider";
import { GENERATED_PASSWORD_SECRET_OUTPUT_KEYS } from "./output-keys";
import { omitSecretsFromSdkDebugLog } from "../sdk-debug-log";

export { GENERATED_PASSWORD_SECRET_OUTPUT_KEYS };

// The program's process logs resource responses through the SDK; keep their secret values out.
omitSecretsFromSdkDebugLog();

/** The arguments of a `GeneratedPassword` resource. Every one is optional. */
export interface GeneratedPasswordArgs {
  /** The number of characters, from 1 to 1024. Default: 24. */
  length?: pulumi.Input<number>;
  /** Whether uppercase letters A-Z may appear. Default: true. */
  upper?: pulumi.Input<boolean>;
  /** Whether lowercase letters a-z may appear. Default: true. */
  lower?: pulumi.Input<boolean>;
  /** Whether digits 0-9 may appear. Default: true. */
  numeric?: pulumi.Input<boolean>;
  /** Whether special characters may appear. Default: true. */
  special?: pulumi.Input<boolean>;
  /** The minimum number of uppercase letters. Default: 1 when `upper` is true, else 0. */
  minUpper?: pulumi.Input<number>;
  /** The minimum number of lowercase letters. Default: 1 when `lower` is true, else 0. */
  minLower?: pulumi.Input<number>;
  /** The minimum number of digits. Default: 1 when `numeric` is true, else 0. */
  minNumeric?: pulumi.Input<number>;
  /** The minimum number of special characters. Default: 1 when `special` is true, else 0. */
  minSpecial?: pulumi.Input<number>;
  /** The special characters to draw from, ASCII punctuation only. Default: `!#%+-.:=?@^_`. */
  overrideSpecial?: pulumi.Input<string>;
  /** Arbitrary values. Any change generates a new password on the next `pulumi up`. Default: none. */
  keepers?: pulumi.Input<Record<string, pulumi.Input<KeeperValue>>>;
  /**
   * The rotation period: a whole number with m (minutes), h (hours), d (days) or w (weeks), such as
   * "30d". When it has passed, the next `pulumi preview` or `pulumi up` shows a new value, with no
   * refresh needed. Default: none, so the value changes only with `keepers` or the rules.
   */
  rotateAfter?: pulumi.Input<string>;
  /**
   * The time that scheduled rotations count from, ISO 8601, such as "2026-01-01T09:00:00Z".
   * Rotations fall on `rotationAnchor + k × rotateAfter`. Default: the time of the first generation.
   */
  rotationAnchor?: pulumi.Input<string>;
}

/**
 * A random password stored only in the stack's state, as a secret, and rotated on a schedule.
 *
 * The value is written to state before any other resource can use it, so a run that fails later
 * does not lose it. Pass `result` to `UserPassword.password` to rotate a Gcore account's password
 * on the same schedule.
 */
export class GeneratedPassword extends pulumi.dynamic.Resource {
  /** The generated password (secret). */
  declare public readonly result: pulumi.Output<string>;
  /** When the current value was generated, as an ISO 8601 time. */
  declare public readonly rotatedAt: pulumi.Output<string>;
  /** How many values this resource has generated, the first one included. */
  declare public readonly rotationCount: pulumi.Output<number>;
  /** Why the current value was generated: "first generation", "keepers changed", "password rules changed" or "rotation period elapsed". */
  declare public readonly rotationReason: pulumi.Output<GenerationReason>;
  /** The next scheduled rotation, as an ISO 8601 time. Undefined without `rotateAfter`. */
  declare public readonly nextRotationAt: pulumi.Output<string | undefined>;
  /** The time scheduled rotations count from, as an ISO 8601 time. */
  declare public readonly rotationAnchor: pulumi.Output<string>;
  /** The rotation period in effect. Undefined without `rotateAfter`. */
  declare public readonly rotateAfter: pulumi.Output<string | undefined>;
  /** The number of characters. */
  declare public readonly length: pulumi.Output<number>;
  /** The keepers in effect. */
  declare public readonly keepers: pulumi.Output<Record<string, KeeperValue>>;

  constructor(name: string, args: GeneratedPasswordArgs = {}, opts?: pulumi.CustomResourceOptions) {
    // Every declared output must be a key here, even when undefined, to be readable from the program.
    const props = {
      ...args,
      length: args.length,
      keepers: args.keepers,
      rotateAfter: args.rotateAfter,
      rotationAnchor: args.rotationAnchor,
      result: undefined,
      rotatedAt: undefined,
      rotationCount: undefined,
      rotationReason: undefined,
      nextRotationAt: undefined,
    };
    const secretOptions: pulumi.CustomResourceOptions = { additionalSecretOutputs: [...GENERATED_PASSWORD_SECRET_OUTPUT_KEYS] };

    super(generatedPasswordProvider, name, props, pulumi.mergeOptions(opts, secretOptions), "gcore", "GeneratedPassword");
  }
}
