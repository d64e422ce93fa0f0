import type * as pulumi from "@pulumi/pulumi";

/** Inputs of a `NoopPassword`, the same keys as a checked `UserPassword`'s. */
interface NoopInputs {
  userId: number;
  currentPassword: string;
  password: string;
  apiKey?: string;
  passwordVersion: number;
  rotationReason: string;
}

/** Stands in for every token output: the no-op provider gets no tokens because it makes no call. */
const PLACEHOLDER_TOKEN = "none";
/** Stands in for every timestamp output, with the length of a real ISO 8601 time. */
const PLACEHOLDER_TIME = "2030-01-01T00:00:00.000Z";

/**
 * The methods of the benchmark's floor B provider: the same inputs and output keys as `UserPassword`,
 * with every method a few lines of pure code and no API call. What a stack of these costs is the
 * cost of the Pulumi engine, the dynamic-provider process and the state, without the provider's work.
 */
export class NoopPasswordRuntime implements pulumi.dynamic.ResourceProvider {
  /** Reads nothing: the no-op provider has no settings. */
  async configure(): Promise<void> {}

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    const creating = Object.keys(olds).length === 0;
    const passwordChanged = !creating && news.password !== olds.password;
    const recordedVersion = typeof olds.passwordVersion === "number" ? olds.passwordVersion : 1;

    return {
      inputs: {
        ...news,
        userId: Number(news.userId),
        passwordVersion: passwordChanged ? recordedVersion + 1 : recordedVersion,
        rotationReason: passwordChanged ? "password input changed" : (olds.rotationReason ?? "first creation"),
      },
    };
  }

  async diff(_id: string, stored: Record<string, unknown>, news: NoopInputs): Promise<pulumi.dynamic.DiffResult> {
    const replaces = stored.userId === news.userId ? [] : ["userId"];
    const changes = replaces.length > 0 || stored.password !== news.password || stored.apiKey !== news.apiKey;

    return { changes, replaces };
  }

  async create(inputs: NoopInputs): Promise<pulumi.dynamic.CreateResult> {
    return { id: String(inputs.userId), outs: noopOutputs(inputs, 1) };
  }

  async update(_id: string, stored: Record<string, unknown>, news: NoopInputs): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: noopOutputs(news, Number(stored.rotationCount ?? 0) + 1) };
  }

  async read(id: string, stored: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    return { id, props: stored };
  }

  /** Makes no call, as `UserPassword` does on delete. */
  async delete(): Promise<void> {}
}

/** Builds outputs with every key `UserPassword` stores, tokens and times replaced by placeholders. */
function noopOutputs(inputs: NoopInputs, rotationCount: number): Record<string, unknown> {
  return {
    userId: inputs.userId,
    password: inputs.password,
    currentPassword: inputs.currentPassword,
    accessToken: PLACEHOLDER_TOKEN,
    refreshToken: PLACEHOLDER_TOKEN,
    accessTokenExpiresAt: PLACEHOLDER_TIME,
    refreshTokenExpiresAt: PLACEHOLDER_TIME,
    rotatedAt: PLACEHOLDER_TIME,
    rotationCount,
    passwordVersion: inputs.passwordVersion,
    rotationReason: inputs.rotationReason,
    syncStatus: "in sync",
    ...(inputs.apiKey === undefined ? {} : { apiKey: inputs.apiKey }),
  };
}

/** The runtime that the serialized no-op provider loads; one per dynamic-provider process. */
export const noopPasswordRuntime = new NoopPasswordRuntime();
