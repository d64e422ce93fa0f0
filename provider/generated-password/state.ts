import type * as pulumi from "@pulumi/pulumi";
import { isDeepStrictEqual } from "node:util";

import { isUnknown } from "../unknown-value";
import { RULE_KEYS, type GeneratedPasswordInputs } from "./inputs";

/** The state a `GeneratedPassword` stores: its checked inputs, the value and when it was generated. */
export interface GeneratedPasswordOutputs extends GeneratedPasswordInputs {
  /** The generated password. */
  result: string;
  /** When the current value was generated, as an ISO 8601 time. */
  rotatedAt: string;
}

/** The keys that `check` returns and state repeats. Any difference between the two means an update. */
export const PLANNED_KEYS = [...RULE_KEYS, "keepers", "rotateAfter", "rotationAnchor", "nextRotationAt", "rotationCount", "rotationReason"] as const;

/**
 * Decides whether a `GeneratedPassword` needs an update: when any checked input differs from state.
 * `check` has already compared the schedule with the clock, so a due rotation arrives here as a higher
 * `rotationCount`. The resource is never replaced, because `update` needs the old state to keep the
 * count and the anchor.
 */
export function diffGeneratedPassword(stored: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const changed = PLANNED_KEYS.filter((key) => containsUnknown(news[key]) || !isDeepStrictEqual(news[key], stored[key]));

  return { changes: changed.length > 0, replaces: [], deleteBeforeReplace: false };
}

/** Builds the state from checked inputs, a value and its generation time, leaving out absent keys. */
export function buildState(inputs: GeneratedPasswordInputs, result: string, rotatedAt: string): GeneratedPasswordOutputs {
  const state: Record<string, unknown> = { result, rotatedAt };
  for (const key of PLANNED_KEYS) {
    // The engine rejects undefined property values, so an absent key stays absent.
    if (inputs[key] !== undefined) {
      state[key] = inputs[key];
    }
  }
  return state as unknown as GeneratedPasswordOutputs;
}

function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) {
    return true;
  }
  return typeof value === "object" && value !== null && Object.values(value).some(isUnknown);
}
