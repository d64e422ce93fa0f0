import type * as pulumi from "@pulumi/pulumi";
import { randomInt, randomUUID } from "node:crypto";

import type { Clock } from "../clock";
import { withSealedSecrets } from "../sealed-secrets";
import { environmentClock } from "./clock-override";
import { generatePassword, type RandomInt } from "./generator";
import { normalizeSettings, type GeneratedPasswordInputs } from "./inputs";
import { GENERATED_PASSWORD_SECRET_OUTPUT_KEYS } from "./output-keys";
import { planRotation } from "./plan";
import { buildState, diffGeneratedPassword, type GeneratedPasswordOutputs } from "./state";

/**
 * The `GeneratedPassword` provider methods as they run in the dynamic-provider process.
 * They make no network call: the value exists only in the stack's state, where it is a secret.
 */
export class GeneratedPasswordRuntime implements pulumi.dynamic.ResourceProvider {
  constructor(
    private readonly clock: Clock = environmentClock(),
    private readonly random: RandomInt = randomInt,
  ) {}

  /** Validates the inputs and plans the run: whether a new value is due, why, and the next scheduled rotation. */
  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    const { settings, failures } = normalizeSettings(news);
    if (failures.length > 0) {
      return { inputs: news, failures };
    }

    const plan = planRotation(olds, settings, this.clock.now());

    return { inputs: withoutUndefined({ ...settings, ...plan }), failures: [] };
  }

  async diff(_id: string, stored: GeneratedPasswordOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    return diffGeneratedPassword({ ...stored }, news);
  }

  async create(inputs: GeneratedPasswordInputs): Promise<pulumi.dynamic.CreateResult<GeneratedPasswordOutputs>> {
    const outs = buildState(inputs, generatePassword(inputs, this.random), this.clock.now().toISOString());

    return { id: randomUUID(), outs };
  }

  /**
   * Generates a new value when `check` raised the rotation count. Otherwise keeps the value and records the new settings.
   * NOTE: a preview cannot tell these apart, so after a schedule edit it also shows an update of resources that use `result`.
   */
  async update(_id: string, stored: GeneratedPasswordOutputs, news: GeneratedPasswordInputs): Promise<pulumi.dynamic.UpdateResult<GeneratedPasswordOutputs>> {
    const rotate = news.rotationCount !== stored.rotationCount || typeof stored.result !== "string";

    const outs = rotate
      ? buildState(news, generatePassword(news, this.random), this.clock.now().toISOString())
      : buildState(news, stored.result, stored.rotatedAt);

    return { outs };
  }

  /** Returns the state unchanged: the value exists nowhere else, and `check` notices a due rotation without a refresh. */
  async read(id: string, stored: GeneratedPasswordOutputs): Promise<pulumi.dynamic.ReadResult<GeneratedPasswordOutputs>> {
    return { id, props: stored };
  }

  /** Does nothing: the value exists only in state, which the engine removes. */
  async delete(): Promise<void> {}
}

function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** The runtime that the serialized provider loads, one per dynamic-provider process. Its value leaves the process sealed as a secret. */
export const generatedPasswordRuntime = withSealedSecrets(new GeneratedPasswordRuntime(), GENERATED_PASSWORD_SECRET_OUTPUT_KEYS);
