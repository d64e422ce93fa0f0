import * as http from "node:http";
import * as https from "node:https";

import type * as pulumi from "@pulumi/pulumi";

import { GcoreIamClient, GcoreNotFoundError, type GcoreUser } from "../sdk";
import { systemClock, type Clock } from "./clock";
import { environmentClock } from "./generated-password/clock-override";
import { diffUserPassword } from "./diff";
import { describeRequestFailure, describeRotationFailure, UserPasswordError, type FailureSubject } from "./failures";
import { checkInputs, type UserPasswordInputs } from "./inputs";
import { onlyCredentialsChanged, recordCredentials } from "./credentials";
import { chooseOldPassword } from "./old-password";
import { buildOutputs, withCurrentOutputKeys, type UserPasswordOutputs } from "./outputs";
import { RotationFailedError, rotatePassword, type RotationRequest } from "./rotation/protocol";
import { errorWithState, stateAfterFailure, stateBeforeCreation } from "./failed-state";
import { DEFAULT_LIMITS } from "./rotation/decide";
import { RateGate } from "./rotation/rate-gate";
import { checkForDrift, shouldCheckForDrift } from "./refresh";
import { clientOptions, resolveSettings } from "./settings";
import { checkSettings, problemFor, settingsFailure, type CheckedSettings } from "./settings-check";
import { driftRefusalMessage, isOutOfSync } from "./sync-status";
import { withSealedSecrets } from "./sealed-secrets";
import { SECRET_OUTPUT_KEYS } from "./output-keys";

/**
 * The `UserPassword` provider methods as they run in the dynamic-provider process.
 * One instance serves every resource of a stack, so it keeps one client with keep-alive connections
 * and one `RateGate` that all resources share.
 */
export class UserPasswordRuntime implements pulumi.dynamic.ResourceProvider {
  /** The settings and their problems. Until `configure` runs, the defaults and the environment, with no problem recorded. */
  private configuration: CheckedSettings = { settings: resolveSettings(undefined), problems: {} };
  /** Clients by API key and retry mode, so resources that share a key share keep-alive connections. */
  private clients = new Map<string, GcoreIamClient>();
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });
  private gate: RateGate;

  constructor(private readonly clock: Clock = systemClock) {
    this.gate = new RateGate(this.configuration.settings.maxConcurrentRequests);
  }

  /** Reads the stack's settings. It never throws: `check` reports their problems, which previews then show. */
  async configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.configuration = checkSettings(request.config);
    this.clients.clear();
    this.gate = new RateGate(this.configuration.settings.maxConcurrentRequests);
  }

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    const result = checkInputs(olds, news);
    const settingsProblem = settingsFailure(this.configuration, news.apiKey);

    return settingsProblem === undefined ? result : { ...result, failures: [...(result.failures ?? []), settingsProblem] };
  }

  async diff(_id: string, stored: UserPasswordOutputs, news: UserPasswordInputs): Promise<pulumi.dynamic.DiffResult> {
    const result = diffUserPassword({ ...stored }, { ...news });
    if (result.changes && (result.replaces ?? []).length === 0) {
      this.refuseAfterDrift(stored, news);
    }

    return result;
  }

  async create(inputs: UserPasswordInputs): Promise<pulumi.dynamic.CreateResult<UserPasswordOutputs>> {
    const old = { value: inputs.currentPassword, source: "currentPassword" };
    const outs = await this.rotate(String(inputs.userId), inputs, old, stateBeforeCreation(inputs));

    return { id: String(inputs.userId), outs };
  }

  async update(id: string, stored: UserPasswordOutputs, news: UserPasswordInputs): Promise<pulumi.dynamic.UpdateResult<UserPasswordOutputs>> {
    if (onlyCredentialsChanged(stored, news) && stored.pendingPassword === undefined) {
      return { outs: { ...recordCredentials(withCurrentOutputKeys(stored), news) } };
    }
    this.refuseAfterDrift(stored, news);
    const oldPassword = chooseOldPassword(stored, news);

    const outs = await this.rotate(id, news, oldPassword, stored);

    return { outs };
  }

  /**
   * Refreshes a resource: confirms that the user still exists (a user deleted in Gcore disappears from
   * state) and, when enabled, checks for drift with one log-in. It never changes the password.
   */
  async read(id: string, stored: UserPasswordOutputs): Promise<pulumi.dynamic.ReadResult<UserPasswordOutputs>> {
    const userId = Number(stored.userId ?? id);
    const user = await this.findUser(userId, stored.apiKey);
    if (user === undefined) {
      return { id: undefined, props: {} as UserPasswordOutputs };
    }

    const current = withCurrentOutputKeys(stored);
    if (!shouldCheckForDrift(current, this.configuration.settings.verifyOnRefresh)) {
      return { id, props: current };
    }
    const syncStatus = await checkForDrift(user.email, current, { client: this.getClient(stored.apiKey, { retries: false }), gate: this.gate });

    return { id, props: { ...current, syncStatus } };
  }

  /** Makes no API call: removing the resource from a stack leaves the account's password as it is. */
  async delete(): Promise<void> {}

  /** Returns the user, or undefined when Gcore returns 404 "User not found."; other failures throw with an explanation. */
  private async findUser(userId: number, apiKey: string | undefined): Promise<GcoreUser | undefined> {
    const client = this.getClient(apiKey);
    try {
      return await this.gate.run(() => client.getUser(userId));
    } catch (error) {
      // Only Gcore's own "User not found." means the user is gone; a 404 from a wrong base URL path must
      // fail the refresh instead of deleting the resource from state.
      if (error instanceof GcoreNotFoundError && /user not found/i.test(error.detail ?? "")) {
        return undefined;
      }
      throw describeRequestFailure(`Reading Gcore user ${userId} failed`, this.failureSubject(userId, apiKey), error);
    }
  }

  /** Throws before any call when a refresh recorded drift and a change would send the stored password. */
  private refuseAfterDrift(stored: UserPasswordOutputs, news: UserPasswordInputs): void {
    // With a pending password the protocol logs in with it first and never resends a rejected one.
    if (stored.pendingPassword !== undefined) {
      return;
    }
    const sendsStoredPassword = !onlyCredentialsChanged(stored, news) && chooseOldPassword(stored, news).source !== "currentPassword";
    if (isOutOfSync(stored.syncStatus) && sendsStoredPassword) {
      throw new UserPasswordError(driftRefusalMessage(news.userId));
    }
  }

  /**
   * Looks the user up (a log-in needs the email), then changes the password through the rotation
   * protocol. `base` is the state before this run; a failure that must leave a trace saves it changed.
   */
  private async rotate(id: string, inputs: UserPasswordInputs, old: { value: string; source: string }, base: UserPasswordOutputs): Promise<UserPasswordOutputs> {
    const client = this.getClient(inputs.apiKey);
    const subject = this.failureSubject(inputs.userId, inputs.apiKey);
    const user = await this.gate.run(() => client.getUser(inputs.userId)).catch((error: unknown) => {
      throw describeRequestFailure(`Looking up Gcore user ${inputs.userId} before changing its password failed`, subject, error);
    });

    // The protocol counts every call it makes, so its client must not add retries of its own: a retried
    // log-in that failed after Gcore counted it would exceed the bound on failed attempts.
    const request: RotationRequest = {
      userId: inputs.userId,
      email: user.email,
      oldPassword: old.value,
      newPassword: inputs.password,
      pendingPassword: base.pendingPassword,
      oldKnownBad: isOutOfSync(base.syncStatus) && old.source !== "currentPassword",
    };
    const singleAttempt = this.getClient(inputs.apiKey, { retries: false });
    const result = await rotatePassword(request, { client: singleAttempt, gate: this.gate }).catch((error: unknown) => {
      const failure = describeRotationFailure(subject, old.source, error);
      const creating = base.rotationCount === 0 && base.accessToken === "";
      const state = error instanceof RotationFailedError ? stateAfterFailure(error.reason, base, inputs, creating) : undefined;
      throw state === undefined ? failure : errorWithState(failure, id, state);
    });

    return buildOutputs(inputs, result.tokens, this.clock.now(), (base.rotationCount ?? 1) + 1);
  }

  /** Names the user and the setting of the API key that a failure message refers to. */
  private failureSubject(userId: number, apiKey: string | undefined): FailureSubject {
    return { userId, apiKeySetting: apiKey === undefined ? this.configuration.settings.apiKeySource : "apiKey" };
  }

  /**
   * Returns the client for a resource's own API key (else the stack's), or with `retries: false` one
   * that sends each request once (the rotation protocol and drift checks, which count their calls).
   * Throws the settings problem that stops this key's requests, if any, before anything is sent.
   */
  private getClient(apiKey: string | undefined, options: { retries: boolean } = { retries: true }): GcoreIamClient {
    const problem = problemFor(this.configuration.problems, apiKey);
    if (problem !== undefined) {
      throw new UserPasswordError(problem);
    }
    const key = apiKey ?? this.configuration.settings.apiKey;
    const cacheKey = `${options.retries ? "retrying" : "single"}:${key ?? ""}`;
    let client = this.clients.get(cacheKey);
    if (client === undefined) {
      client = this.createClient(key, options.retries ? undefined : 0);
      this.clients.set(cacheKey, client);
    }
    return client;
  }

  private createClient(apiKey: string | undefined, maxRetries: number | undefined): GcoreIamClient {
    // One pair of keep-alive agents for every key, so N users reuse a few connections instead of N.
    const options = {
      ...clientOptions(this.configuration.settings, apiKey),
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      // A 429 on any call, a retried user lookup included, holds back every call of this process.
      onRateLimited: (retryAfterSeconds: number | undefined) => this.gate.pause(rateLimitPauseSeconds(retryAfterSeconds)),
    };
    // The client retries reads and log-ins; a drift check passes 0 so that it stays at one log-in.
    return new GcoreIamClient(maxRetries === undefined ? options : { ...options, maxRetries });
  }
}

/** Returns how long a 429 holds back the calls of this process: its Retry-After within the protocol's limits. */
function rateLimitPauseSeconds(retryAfterSeconds: number | undefined): number {
  const requested = retryAfterSeconds ?? DEFAULT_LIMITS.defaultRetryAfterSeconds;
  return Math.min(Math.max(requested, 0), DEFAULT_LIMITS.maxRetryAfterSeconds);
}

/**
 * The runtime that the serialized provider loads; one per dynamic-provider process. Its secret
 * outputs leave the process sealed as secrets.
 */
// Both resources read one clock, so the GCORE_ROTATE_NOW test hook moves rotatedAt with the schedules.
export const userPasswordRuntime = withSealedSecrets(new UserPasswordRuntime(environmentClock()), SECRET_OUTPUT_KEYS);
