import type * as pulumi from "@pulumi/pulumi";

import { GcoreIamClient, GcoreNotFoundError } from "../sdk";
import { systemClock, type Clock } from "./clock";
import { diffUserPassword } from "./diff";
import { describeChangeFailure } from "./failures";
import { checkInputs, type UserPasswordInputs } from "./inputs";
import { buildOutputs, type UserPasswordOutputs } from "./outputs";
import { resolveSettings, type ProviderSettings } from "./settings";

/**
 * The `UserPassword` provider methods as they run in the dynamic-provider process.
 * One instance serves every resource of a stack, so it keeps one client with keep-alive connections.
 */
export class UserPasswordRuntime implements pulumi.dynamic.ResourceProvider {
  private settings: ProviderSettings = resolveSettings(undefined);
  private client: GcoreIamClient | undefined;

  constructor(private readonly clock: Clock = systemClock) {}

  async configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.settings = resolveSettings(request.config);
    this.client = undefined;
  }

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    return checkInputs(olds, news);
  }

  async diff(_id: string, stored: UserPasswordOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    return diffUserPassword({ ...stored }, news);
  }

  async create(inputs: UserPasswordInputs): Promise<pulumi.dynamic.CreateResult<UserPasswordOutputs>> {
    const outs = await this.changePassword(inputs.userId, inputs.currentPassword, inputs.password, "currentPassword");

    return { id: String(inputs.userId), outs };
  }

  async update(_id: string, stored: UserPasswordOutputs, news: UserPasswordInputs): Promise<pulumi.dynamic.UpdateResult<UserPasswordOutputs>> {
    const outs = await this.changePassword(news.userId, stored.password, news.password, "the password stored in state");

    return { outs };
  }

  /** Confirms that the user still exists; a user deleted in Gcore disappears from state. Makes no change. */
  async read(id: string, stored: UserPasswordOutputs): Promise<pulumi.dynamic.ReadResult<UserPasswordOutputs>> {
    try {
      await this.getClient().getUser(Number(stored.userId ?? id));
    } catch (error) {
      if (error instanceof GcoreNotFoundError) {
        return { id: undefined, props: undefined };
      }
      throw error;
    }

    return { id, props: stored };
  }

  /** Makes no API call: removing the resource from a stack leaves the account's password as it is. */
  async delete(): Promise<void> {}

  private async changePassword(userId: number, oldPassword: string, newPassword: string, oldPasswordSource: string): Promise<UserPasswordOutputs> {
    let tokens;
    try {
      tokens = await this.getClient().changePassword(userId, { oldPassword, newPassword });
    } catch (error) {
      throw describeChangeFailure(userId, oldPasswordSource, error);
    }

    return buildOutputs(userId, newPassword, tokens, this.clock.now());
  }

  private getClient(): GcoreIamClient {
    this.client ??= new GcoreIamClient({ baseUrl: this.settings.baseUrl, apiKey: this.settings.apiKey });
    return this.client;
  }
}

/** The runtime that the serialized provider loads; one per dynamic-provider process. */
export const userPasswordRuntime = new UserPasswordRuntime();
