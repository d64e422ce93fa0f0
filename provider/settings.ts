import type * as pulumi from "@pulumi/pulumi";

import type { GcoreClientOptions } from "../sdk";
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from "../sdk/settings";

/** The endpoint, credentials and limits the provider uses for Gcore requests. */
export interface ProviderSettings {
  /** The Gcore API base URL; undefined lets the client use `https://api.gcore.com`. */
  baseUrl?: string;
  /** The setting `baseUrl` came from, as messages name it: "gcore:baseUrl" (also when unset) or "GCORE_BASE_URL". */
  baseUrlSource: string;
  /** The permanent API token of the stack; undefined when neither `gcore:apiKey` nor `GCORE_API_KEY` is set. */
  apiKey?: string;
  /** The setting `apiKey` came from, as messages name it: "gcore:apiKey" (also when unset) or "GCORE_API_KEY". */
  apiKeySource: string;
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
 *
 * @throws Error naming the key, the value and the fix when a numeric or boolean setting is invalid.
 */
export function resolveSettings(config: pulumi.dynamic.Config | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const apiKey = fromConfigOrEnv(config, CONFIG_KEYS.apiKey, env, "GCORE_API_KEY");
  const baseUrl = fromConfigOrEnv(config, CONFIG_KEYS.baseUrl, env, "GCORE_BASE_URL");
  const maxConcurrentRequests =
    parsePositiveInteger(CONFIG_KEYS.maxConcurrentRequests, config?.get(CONFIG_KEYS.maxConcurrentRequests), { example: "a whole number such as 8" }) ??
    DEFAULT_MAX_CONCURRENT_REQUESTS;
  const requestTimeoutMs = parsePositiveInteger(CONFIG_KEYS.requestTimeoutMs, config?.get(CONFIG_KEYS.requestTimeoutMs), {
    example: `a number of milliseconds such as ${DEFAULT_TIMEOUT_MS}`,
    max: MAX_TIMEOUT_MS,
  });
  const verifyOnRefresh = parseBoolean(CONFIG_KEYS.verifyOnRefresh, config?.get(CONFIG_KEYS.verifyOnRefresh)) ?? false;
  const settings: ProviderSettings = {
    apiKey: apiKey.value,
    apiKeySource: apiKey.source,
    baseUrl: baseUrl.value,
    baseUrlSource: baseUrl.source,
    maxConcurrentRequests,
    verifyOnRefresh,
  };
  if (requestTimeoutMs !== undefined) {
    settings.requestTimeoutMs = requestTimeoutMs;
  }
  return settings;
}

/** Builds the client options for requests under these settings, with the API key to send. */
export function clientOptions(settings: ProviderSettings, apiKey: string | undefined): GcoreClientOptions {
  return { baseUrl: settings.baseUrl, apiKey, timeoutMs: settings.requestTimeoutMs };
}

/** Reads a setting from stack configuration, else from an environment variable, with the name of its source. */
function fromConfigOrEnv(config: pulumi.dynamic.Config | undefined, key: string, env: NodeJS.ProcessEnv, variable: string): { value?: string; source: string } {
  const fromConfig = nonEmpty(config?.get(key));
  if (fromConfig !== undefined) {
    return { value: fromConfig, source: key };
  }
  const fromEnv = nonEmpty(env[variable]);
  return fromEnv === undefined ? { source: key } : { value: fromEnv, source: variable };
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

/**
 * Reads an optional positive integer setting; any other value, or one above `limits.max`, fails with
 * the key, the value and the fix. `limits.example` describes a valid value, such as "a whole number such as 8".
 */
function parsePositiveInteger(key: string, value: string | undefined, limits: { example: string; max?: number }): number | undefined {
  if (nonEmpty(value) === undefined) {
    return undefined;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new Error(`${key} ${JSON.stringify(value)} is not a positive integer. Set it to ${limits.example}, or remove it.`);
  }
  if (limits.max !== undefined && parsed > limits.max) {
    throw new Error(`${key} ${JSON.stringify(value)} is larger than the maximum of ${limits.max}. Set it to ${limits.example}, or remove it.`);
  }
  if (!Number.isSafeInteger(parsed)) {
    throw new Error(`${key} ${JSON.stringify(value)} is larger than ${Number.MAX_SAFE_INTEGER}. Set it to ${limits.example}, or remove it.`);
  }
  return parsed;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
