import type * as pulumi from "@pulumi/pulumi";

/** Where the provider sends requests and how it authenticates. */
export interface ProviderSettings {
  /** The Gcore API base URL; undefined lets the client use `GCORE_BASE_URL` or `https://api.gcore.com`. */
  baseUrl?: string;
  /** The permanent API token; undefined lets the client use `GCORE_API_KEY`. */
  apiKey?: string;
  /** How many Gcore requests the provider process keeps in flight at once, over all resources. Default 8. */
  maxConcurrentRequests: number;
  /** How long one request may take, in milliseconds; undefined keeps the client's default of 30 seconds. */
  requestTimeoutMs?: number;
  /** Whether `pulumi refresh` checks that stored passwords still log in, unless a resource sets its own `verifyOnRefresh`. Default false. */
  verifyOnRefresh: boolean;
}

/** The default of `maxConcurrentRequests`. NOTE: Gcore publishes no IAM rate limit; 8 is a guess that 429 handling backs up. */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

/** Stack configuration keys the provider reads, in the `gcore` namespace that Gcore's own tools use. */
export const CONFIG_KEYS = { apiKey: "gcore:apiKey", baseUrl: "gcore:baseUrl", maxConcurrentRequests: "gcore:maxConcurrentRequests",
  requestTimeoutMs: "gcore:requestTimeoutMs",
  verifyOnRefresh: "gcore:verifyOnRefresh",
} as const;

/**
 * Reads the provider settings from stack configuration, falling back to the environment variables
 * `GCORE_API_KEY` and `GCORE_BASE_URL`. Stack configuration wins when both are set.
 */
export function resolveSettings(config: pulumi.dynamic.Config | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const apiKey = nonEmpty(config?.get(CONFIG_KEYS.apiKey)) ?? nonEmpty(env.GCORE_API_KEY);
  const baseUrl = nonEmpty(config?.get(CONFIG_KEYS.baseUrl)) ?? nonEmpty(env.GCORE_BASE_URL);
  const maxConcurrentRequests = parsePositiveInteger(CONFIG_KEYS.maxConcurrentRequests, config?.get(CONFIG_KEYS.maxConcurrentRequests)) ?? DEFAULT_MAX_CONCURRENT_REQUESTS;
  const requestTimeoutMs = parsePositiveInteger(CONFIG_KEYS.requestTimeoutMs, config?.get(CONFIG_KEYS.requestTimeoutMs));
  const verifyOnRefresh = parseBoolean(CONFIG_KEYS.verifyOnRefresh, config?.get(CONFIG_KEYS.verifyOnRefresh)) ?? false;
  const settings: ProviderSettings = { apiKey, baseUrl, maxConcurrentRequests, verifyOnRefresh };
  if (requestTimeoutMs !== undefined) {
    settings.requestTimeoutMs = requestTimeoutMs;
  }
  return settings;
}

/** Reads an optional boolean setting written as "true" or "false". */
function parseBoolean(key: string, value: string | undefined): boolean | undefined {
  const text = nonEmpty(value)?.toLowerCase();
  if (text === undefined) {
    return undefined;
  }
  if (text !== "true" && text !== "false") {
    throw new Error(`${key} ${JSON.stringify(value)} is not a boolean. Set it to true or false, or remove it.`);
  }
  return text === "true";
}

/** Reads an optional positive integer setting; any other value fails with the key, the value and the fix. */
function parsePositiveInteger(key: string, value: string | undefined): number | undefined {
  if (nonEmpty(value) === undefined) {
    return undefined;
  }
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) {
    throw new Error(`${key} ${JSON.stringify(value)} is not a positive integer. Set it to a whole number such as 8, or remove it.`);
  }
  return parsed;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
