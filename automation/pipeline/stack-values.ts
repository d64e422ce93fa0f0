import { createRedactor, type Redact } from "../../sdk/redact";
import type { ResourceOutcome } from "./outcomes";

/** Config values or stack outputs, as the Automation API returns them. */
export type OutputMap = Record<string, { value: unknown; secret?: boolean }>;

/** The value that the engine stores for an output that was still unknown when an update ended. */
const UNKNOWN_OUTPUT_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Builds the redactor for error messages from the stack's secret config values and secret outputs,
 * on top of the SDK's patterns for tokens. Provider messages never contain secrets, but a program's
 * own errors might.
 */
export function buildRedactor(config: OutputMap, outputs: OutputMap): Redact {
  const secrets: string[] = [];
  for (const { value, secret } of Object.values(config)) {
    if (secret) {
      secrets.push(...stringLeaves(value));
    }
  }
  for (const { value, secret } of Object.values(outputs)) {
    if (secret) {
      secrets.push(...stringLeaves(value));
    }
  }
  return createRedactor(secrets);
}

/**
 * Describes the outputs that a failed update leaves unusable. After an update in which a resource
 * failed, the stack outputs made from its outputs read as Pulumi's placeholder for unknown values
 * until an update of the resource succeeds (seen with Pulumi 3.276 and `--continue-on-error`).
 */
export function describeUnusableOutputs(outcomes: ResourceOutcome[], outputs: OutputMap): string[] {
  const failedNames = outcomes.filter((resource) => resource.outcome === "failed").map((resource) => resource.name);
  const unknownOutputs = Object.entries(outputs)
    .filter(([, { value }]) => stringLeaves(value).includes(UNKNOWN_OUTPUT_VALUE))
    .map(([name]) => name);
  const placeholder = `Pulumi's placeholder for unknown values, ${UNKNOWN_OUTPUT_VALUE}`;

  if (failedNames.length > 0) {
    const stackOutputs = unknownOutputs.length > 0 ? ` The stack outputs ${unknownOutputs.join(", ")} read as ${placeholder}.` : "";
    return [`The outputs of the failed resources (${failedNames.join(", ")}) are not usable until the next successful up.${stackOutputs}`];
  }
  if (unknownOutputs.length > 0) {
    return [`The stack outputs ${unknownOutputs.join(", ")} read as ${placeholder}, and are not usable until the next successful up.`];
  }
  return [];
}

/** Returns every string in a value, and in a config value that contains JSON, every string inside it. */
function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === "object" && parsed !== null ? [value, ...stringLeaves(parsed)] : [value];
    } catch {
      return [value];
    }
  }
  if (typeof value === "object" && value !== null) {
    return Object.values(value).flatMap(stringLeaves);
  }
  return typeof value === "number" ? [String(value)] : [];
}
