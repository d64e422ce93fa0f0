import type * as pulumi from "@pulumi/pulumi";

/** Where the provider sends requests and how it authenticates. */
export interface ProviderSettings {
  /** The Gcore API base URL; undefined lets the client use `GCORE_BASE_URL` or `https://api.gcore.com`. */
  baseUrl?: string;
  /** The permanent API token; undefined lets the client use `GCORE_API_KEY`. */
  apiKey?: string;
}

/** Stack configuration keys the provider reads, in the `gcore` namespace that Gcore's own tools use. */
export const CONFIG_KEYS = { apiKey: "gcore:apiKey", baseUrl: "gcore:baseUrl" } as const;

/**
 * Reads the provider settings from stack configuration, falling back to the environment variables
 * `GCORE_API_KEY` and `GCORE_BASE_URL`. Stack configuration wins when both are set.
 */
export function resolveSettings(config: pulumi.dynamic.Config | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const apiKey = nonEmpty(config?.get(CONFIG_KEYS.apiKey)) ?? nonEmpty(env.GCORE_API_KEY);
  const baseUrl = nonEmpty(config?.get(CONFIG_KEYS.baseUrl)) ?? nonEmpty(env.GCORE_BASE_URL);
  return { apiKey, baseUrl };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
