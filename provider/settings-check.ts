import type * as pulumi from "@pulumi/pulumi";

import { GcoreConfigurationError, GcoreIamClient } from "../sdk";
import { DEFAULT_BASE_URL } from "../sdk/settings";
import { clientOptions, CONFIG_KEYS, resolveSettings, type ProviderSettings } from "./settings";
import { isUnknown } from "./unknown-value";

/**
 * Problems with the provider settings. `configure` finds them and `check` reports them, so that
 * `pulumi preview` shows them as a plain message instead of a stack trace from `configure`.
 */
export interface SettingsProblems {
  /** A problem that stops every resource, such as an invalid `gcore:baseUrl`. */
  everyResource?: string;
  /** A missing or malformed stack API key, which stops only resources without their own `apiKey`. */
  stackApiKey?: string;
}

/** The provider settings and the problems found in them. */
export interface CheckedSettings {
  settings: ProviderSettings;
  problems: SettingsProblems;
}

/** The problem of a resource that has no API key: neither its own `apiKey` nor the stack's. */
const MISSING_API_KEY =
  "No Gcore API token is set for this resource. Set gcore:apiKey (pulumi config set --secret gcore:apiKey <token>) or GCORE_API_KEY " +
  "to a permanent API token of the user, or give the resource its own apiKey.";

// A well-formed stand-in for the API key, so that a trial client checks the other settings alone and
// does not fall back to GCORE_API_KEY. It is never sent.
const STAND_IN_API_KEY = "0_settings_check";

/**
 * Reads the provider settings and tries them on a client without sending anything. Settings that
 * cannot be read leave the defaults in place, with the problem recorded.
 */
export function checkSettings(config: pulumi.dynamic.Config | undefined, env: NodeJS.ProcessEnv = process.env): CheckedSettings {
  let settings: ProviderSettings;
  try {
    settings = resolveSettings(config, env);
  } catch (error) {
    return { settings: resolveSettings(undefined, {}), problems: { everyResource: messageOf(error) } };
  }

  const everyResource = tryClient(settings, STAND_IN_API_KEY, settings.apiKeySource);
  if (everyResource !== undefined) {
    return { settings, problems: { everyResource } };
  }
  const stackApiKey = settings.apiKey === undefined ? MISSING_API_KEY : tryClient(settings, settings.apiKey, settings.apiKeySource);
  return { settings, problems: stackApiKey === undefined ? {} : { stackApiKey } };
}

/**
 * Returns the problem that stops requests with a resource's own API key, or with the stack's when
 * `ownApiKey` is undefined; undefined when there is none.
 */
export function problemFor(problems: SettingsProblems, ownApiKey: string | undefined): string | undefined {
  return problems.everyResource ?? (ownApiKey === undefined ? problems.stackApiKey : undefined);
}

/**
 * Returns the check failure that the settings cause for a resource with the given `apiKey` input, or
 * undefined. A resource's own key is tried on a client here too, so a malformed one fails preview.
 */
export function settingsFailure(checked: CheckedSettings, apiKey: unknown): pulumi.dynamic.CheckFailure | undefined {
  if (isUnknown(apiKey)) {
    const reason = checked.problems.everyResource;
    return reason === undefined ? undefined : { property: "", reason };
  }
  const ownApiKey = typeof apiKey === "string" && apiKey.trim() !== "" ? apiKey : undefined;
  const reason = problemFor(checked.problems, ownApiKey);
  if (reason !== undefined) {
    return { property: "", reason };
  }
  const keyProblem = ownApiKey === undefined ? undefined : tryClient(checked.settings, ownApiKey, "apiKey");
  return keyProblem === undefined ? undefined : { property: "apiKey", reason: keyProblem };
}

/**
 * Creates a client with the settings and an API key, and returns what the client rejects, in stack
 * terms; undefined when it accepts them. `apiKeyName` names the key's setting in messages.
 */
function tryClient(settings: ProviderSettings, apiKey: string, apiKeyName: string): string | undefined {
  try {
    new GcoreIamClient(clientOptions(settings, apiKey));
    return undefined;
  } catch (error) {
    return describeSettingError(error, { baseUrl: settings.baseUrlSource, apiKey: apiKeyName, timeoutMs: CONFIG_KEYS.requestTimeoutMs });
  }
}

/**
 * Rewords a client configuration error for a stack user. The client option is named by the setting
 * that gave its value. A base URL problem ends with the provider's next step, because the client's
 * may name client options (`allowInsecureHttp`, `accessToken`) that a stack cannot set.
 * `names` maps client options to setting names, such as `{ baseUrl: "gcore:baseUrl" }`.
 */
export function describeSettingError(error: unknown, names: Record<string, string>): string {
  if (!(error instanceof GcoreConfigurationError) || error.setting === undefined) {
    return messageOf(error);
  }
  const name = names[error.setting] ?? error.setting;
  const summary = error.summary.startsWith(error.setting) ? `${name}${error.summary.slice(error.setting.length)}` : error.summary;
  const hint = error.setting === "baseUrl" ? `Set it to the API root, such as ${DEFAULT_BASE_URL}.` : error.hint;
  return hint === undefined ? summary : `${summary} ${hint}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
