import * as http from "node:http";
import * as https from "node:https";
import { isIPv4 } from "node:net";

import { GcoreConfigurationError } from "./errors";
import { createRedactor, type Redact } from "./redact";
import { DEFAULT_MAX_RETRIES, MAX_RETRIES_LIMIT } from "./retry-policy";
import type { GcoreClientOptions } from "./types";

/** Gcore's public API root, used when neither `baseUrl` nor GCORE_BASE_URL is set. */
export const DEFAULT_BASE_URL = "https://api.gcore.com";

/** Default per-request time limit in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The longest `timeoutMs`: Node's timers cannot wait longer than 2^31 - 1 ms. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** Client settings after defaults, environment variables and validation. */
export interface ClientSettings {
  /** API root without a trailing slash, such as "https://api.gcore.com". */
  baseUrl: string;
  /** Authorization header value, or undefined when no credentials are set. */
  authorization?: string;
  /** Credentials of the client, which every redactor of the client must hide. */
  credentialSecrets: string[];
  timeoutMs: number;
  maxRetries: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  logger?: (line: string) => void;
  onRateLimited?: (retryAfterSeconds: number | undefined) => void;
  httpAgent: http.Agent;
  httpsAgent: https.Agent;
}

/**
 * Resolves client options against the GCORE_BASE_URL and GCORE_API_KEY environment variables and
 * validates them.
 *
 * @throws GcoreConfigurationError naming the setting and how to fix it.
 */
export function resolveSettings(options: GcoreClientOptions): ClientSettings {
  const apiKey = readCredential(options.apiKey, "apiKey") ?? readCredential(process.env.GCORE_API_KEY, "GCORE_API_KEY");
  const accessToken = readCredential(options.accessToken, "accessToken");
  const credentialSecrets = [apiKey, accessToken].filter((secret): secret is string => secret !== undefined);
  const redact = createRedactor(credentialSecrets);

  return {
    baseUrl: resolveBaseUrl(options, redact),
    authorization: authorizationHeader(apiKey, accessToken),
    credentialSecrets,
    timeoutMs: resolveTimeout(options.timeoutMs),
    maxRetries: resolveMaxRetries(options.maxRetries),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    logger: options.logger,
    onRateLimited: options.onRateLimited,
    httpAgent: options.httpAgent ?? new http.Agent({ keepAlive: true }),
    httpsAgent: options.httpsAgent ?? new https.Agent({ keepAlive: true }),
  };
}

/** Builds the Authorization value: the access token wins over the API key. */
function authorizationHeader(apiKey: string | undefined, accessToken: string | undefined): string | undefined {
  if (accessToken !== undefined) {
    return `Bearer ${accessToken}`;
  }
  if (apiKey !== undefined) {
    return `APIKey ${apiKey}`;
  }
  return undefined;
}

/** Trims a credential and returns undefined when it is blank. Rejects values that cannot go in a header. */
function readCredential(value: string | undefined, setting: string): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) {
    return undefined;
  }
  // The value itself never appears in these messages.
  if (/^(apikey|bearer)\s/i.test(trimmed)) {
    throw new GcoreConfigurationError(`${setting} starts with an authorization scheme.`, {
      setting,
      hint: 'Set it to the bare token: the client adds "APIKey " or "Bearer " itself.',
    });
  }
  // Gcore tokens are printable ASCII, and anything else would be rejected or mangled as a header value.
  if (/[^\x21-\x7e]/.test(trimmed)) {
    throw new GcoreConfigurationError(`${setting} contains whitespace, control or non-ASCII characters, which a token never does.`, {
      setting,
      hint: "Copy the token again.",
    });
  }
  return trimmed;
}

/** Picks the base URL from the option, then GCORE_BASE_URL, then the default, with the setting's name for messages. */
function chooseBaseUrl(options: GcoreClientOptions): { value: string; setting: string } {
  const fromOption = options.baseUrl?.trim();
  if (fromOption) {
    return { value: fromOption, setting: "baseUrl" };
  }
  const fromEnv = process.env.GCORE_BASE_URL?.trim();
  if (fromEnv) {
    return { value: fromEnv, setting: "GCORE_BASE_URL" };
  }
  return { value: DEFAULT_BASE_URL, setting: "baseUrl" };
}

/**
 * Validates the chosen base URL and returns it without a trailing slash.
 *
 * Messages never quote the value in full. A value that does not parse may be a misplaced API key, so
 * it is not quoted at all. A parsed one is quoted as protocol, host and path only, without user info,
 * query or fragment.
 */
function resolveBaseUrl(options: GcoreClientOptions, redact: Redact): string {
  const { value, setting } = chooseBaseUrl(options);
  const invalid = (problem: string, hint: string): GcoreConfigurationError => new GcoreConfigurationError(`${setting} ${problem}`, { setting, hint });

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid("is not a URL.", `Set it to an absolute http(s) URL such as ${DEFAULT_BASE_URL}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    // The scheme is not quoted either: a secret such as "name:token" parses with "name" as its scheme.
    throw invalid("is not an http or https URL.", `Set it to a URL such as ${DEFAULT_BASE_URL}.`);
  }
  const quoted = JSON.stringify(redact(`${url.protocol}//${url.host}${url.pathname}`));
  if (url.username || url.password) {
    throw invalid(`${quoted} contains user info, but credentials do not belong in a URL.`, "Remove it, and pass credentials as apiKey or accessToken.");
  }
  if (url.search || url.hash) {
    throw invalid(`${quoted} contains a query or fragment.`, `Set it to the API root only, such as ${DEFAULT_BASE_URL}.`);
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && !options.allowInsecureHttp) {
    throw invalid(
      `${quoted} uses plain http to a host other than loopback, which would send credentials unencrypted.`,
      "Use https, or pass allowInsecureHttp: true if the network is trusted.",
    );
  }

  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** Tells whether a URL hostname is loopback: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === "localhost" || hostname === "[::1]") {
    return true;
  }
  return isIPv4(hostname) && hostname.startsWith("127.");
}

function resolveTimeout(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined) {
    return DEFAULT_TIMEOUT_MS;
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new GcoreConfigurationError(`timeoutMs ${timeoutMs} is invalid.`, {
      setting: "timeoutMs",
      hint: `Set it to a number of milliseconds between 1 and ${MAX_TIMEOUT_MS}, or leave it unset for ${DEFAULT_TIMEOUT_MS}.`,
    });
  }
  return timeoutMs;
}

function resolveMaxRetries(maxRetries: number | undefined): number {
  if (maxRetries === undefined) {
    return DEFAULT_MAX_RETRIES;
  }
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
    throw new GcoreConfigurationError(`maxRetries ${maxRetries} is invalid.`, {
      setting: "maxRetries",
      hint: `Set it to an integer from 0 to ${MAX_RETRIES_LIMIT}, or leave it unset for ${DEFAULT_MAX_RETRIES}.`,
    });
  }
  return maxRetries;
}
