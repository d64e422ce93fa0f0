import type * as pulumi from "@pulumi/pulumi";

import { GcoreIamClient, GcoreNotFoundError } from "../sdk";
import { systemClock, type Clock } from "./clock";
import { diffUserPassword } from "./diff";
import { describeRequestFailure, describeRotationFailure } from "./failures";
import { checkInputs, type UserPasswordInputs } from "./inputs";
import { chooseOldPassword } from "./old-password";
import { buildOutputs, type UserPasswordOutputs } from "./outputs";
import { rotatePassword } from "./rotation/protocol";
import { RateGate } from "./rotation/rate-gate";
import { resolveSettings, type ProviderSettings } from "./settings";

/**
 * The `UserPassword` provider methods as they run in the dynamic-provider process.
 * One instance serves every resource of a stack, so it keeps one client with keep-alive connections
 * and one `RateGate` that all resources share.
 */
export class UserPasswordRuntime implements pulumi.dynamic.ResourceProvider {
  private settings: ProviderSettings = resolveSettings(undefined);
  private client: GcoreIamClient | undefined;
  private gate: RateGate;

  constructor(private readonly clock: Clock = systemClock) {
    this.gate = new RateGate(this.settings.maxConcurrentRequests);
  }

  async configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.settings = resolveSettings(request.config);
    this.client = undefined;
    this.gate = new RateGate(this.settings.maxConcurrentRequests);
  }

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    return checkInputs(olds, news);
  }

  async diff(_id: string, stored: UserPasswordOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    return diffUserPassword({ ...stored }, news);
  }

  async create(inputs: UserPasswordInputs): Promise<pulumi.dynamic.CreateResult<UserPasswordOutputs>> {
    const outs = await this.rotate(inputs, inputs.currentPassword, "currentPassword", 0);

    return { id: String(inputs.userId), outs };
  }

  async update(_id: string, stored: UserPasswordOutputs, news: UserPasswordInputs): Promise<pulumi.dynamic.UpdateResult<UserPasswordOutputs>> {
    const oldPassword = chooseOldPassword(stored, news);

    const outs = await this.rotate(news, oldPassword.value, oldPassword.source, stored.rotationCount ?? 1);

    return { outs };
  }

  /** Confirms that the user still exists; a user deleted in Gcore disappears from state. Makes no change. */
  async read(id: string, stored: UserPasswordOutputs): Promise<pulumi.dynamic.ReadResult<UserPasswordOutputs>> {
    const userId = Number(stored.userId ?? id);
    try {
      await this.gate.run(() => this.getClient().getUser(userId));
    } catch (error) {
      if (error instanceof GcoreNotFoundError) {
        return { id: undefined, props: {} as UserPasswordOutputs };
      }
      throw describeRequestFailure(`Reading Gcore user ${userId} failed`, userId, error);
    }

    return { id, props: stored };
  }

  /** Makes no API call: removing the resource from a stack leaves the account's password as it is. */
  async delete(): Promise<void> {}

  /** Looks the user up (a log-in needs the email), then changes the password through the rotation protocol. */
  private async rotate(inputs: UserPasswordInputs, oldPassword: string, oldPasswordSource: string, previousCount: number): Promise<UserPasswordOutputs> {
    const client = this.getClient();
    const user = await this.gate.run(() => client.getUser(inputs.userId)).catch((error: unknown) => {
      throw describeRequestFailure(`Looking up Gcore user ${inputs.userId} before changing its password failed`, inputs.userId, error);
    });

    const request = { userId: inputs.userId, email: user.email, oldPassword, newPassword: inputs.password };
    const result = await rotatePassword(request, { client, gate: this.gate }).catch((error: unknown) => {
      throw describeRotationFailure(inputs.userId, oldPasswordSource, error);
    });

    return buildOutputs(inputs, result.tokens, this.clock.now(), previousCount + 1);
  }

  private getClient(): GcoreIamClient {
    this.client ??= new GcoreIamClient({ baseUrl: this.settings.baseUrl, apiKey: this.settings.apiKey, timeoutMs: this.settings.requestTimeoutMs });
    return this.client;
  }
}

/** The runtime that the serialized provider loads; one per dynamic-provider process. */
export const userPasswordRuntime = new UserPasswordRuntime();
