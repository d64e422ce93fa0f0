import { isDeepStrictEqual } from "node:util";

import { isUnknown, UNKNOWN_VALUE } from "../unknown-value";
import { RULE_KEYS, type GeneratedPasswordInputs, type GeneratedPasswordSettings, type GenerationReason } from "./inputs";
import { isRotationDue, nextRotationTime, parseRotationAnchor, parseRotationPeriod } from "./schedule";

/** The plan part of the checked inputs. A field is `UNKNOWN_VALUE` when a preview cannot know it yet. */
export type RotationPlan = Pick<GeneratedPasswordInputs, "rotationAnchor" | "nextRotationAt" | "rotationCount" | "rotationReason">;

/**
 * Plans what the next `pulumi up` does to a `GeneratedPassword`, given the inputs recorded in state
 * (`olds`, empty on creation), the new settings and the current time.
 *
 * - A new value is generated on creation, when a password rule or a keeper changed, or when the
 *   recorded `nextRotationAt` has come (`isRotationDue`). `rotationCount` then goes up by one.
 * - After a generation, `nextRotationAt` is the first time of the schedule after now. A run that is
 *   late, even by many periods, rotates once and keeps the schedule's times.
 * - A due rotation happens even when the same run edits `rotateAfter` or `rotationAnchor`, or
 *   removes `rotateAfter`, because the recorded schedule made it due. The new schedule counts on
 *   from there.
 * - When no rotation is due, a new `rotateAfter` or `rotationAnchor` does not generate a value. It
 *   only moves `nextRotationAt` to the first time of the new schedule after now.
 */
export function planRotation(olds: Record<string, unknown>, settings: GeneratedPasswordSettings, now: Date): RotationPlan {
  if (Object.keys(olds).length === 0) {
    const anchor = settings.rotationAnchor ?? now.toISOString();
    return { rotationAnchor: anchor, nextRotationAt: scheduleAfter(settings.rotateAfter, anchor, now), rotationCount: 1, rotationReason: "first generation" };
  }

  const anchor = settings.rotationAnchor ?? readAnchor(olds.rotationAnchor, now);
  const recordedCount = typeof olds.rotationCount === "number" ? olds.rotationCount : 1;
  const recordedReason = (olds.rotationReason as GenerationReason | undefined) ?? "first generation";
  const recordedNext = readNextRotation(olds.nextRotationAt);

  const trigger = findTrigger(olds, settings);
  if (trigger === "unknown") {
    const nextRotationAt = settings.rotateAfter === undefined ? undefined : UNKNOWN_VALUE;
    return { rotationAnchor: anchor, nextRotationAt, rotationCount: UNKNOWN_VALUE as unknown as number, rotationReason: UNKNOWN_VALUE as GenerationReason };
  }

  const due = recordedNext !== undefined && isRotationDue(recordedNext, now);
  const reason = trigger ?? (due ? "rotation period elapsed" : undefined);
  if (reason) {
    return { rotationAnchor: anchor, nextRotationAt: scheduleAfter(settings.rotateAfter, anchor, now), rotationCount: recordedCount + 1, rotationReason: reason };
  }

  const unchanged = { rotationAnchor: anchor, rotationCount: recordedCount, rotationReason: recordedReason };
  const scheduleChanged = settings.rotateAfter !== olds.rotateAfter || anchor !== olds.rotationAnchor;
  if (settings.rotateAfter === undefined || scheduleChanged || !recordedNext) {
    return { ...unchanged, nextRotationAt: scheduleAfter(settings.rotateAfter, anchor, now) };
  }
  return { ...unchanged, nextRotationAt: recordedNext.toISOString() };
}

/** Returns the reason a rule or keeper change generates a new value, "unknown" if a preview cannot tell, or undefined. */
function findTrigger(olds: Record<string, unknown>, settings: GeneratedPasswordSettings): GenerationReason | "unknown" | undefined {
  const rules = RULE_KEYS.map((key) => settings[key]);
  if (rules.some(isUnknown) || containsUnknown(settings.keepers)) {
    return "unknown";
  }
  if (RULE_KEYS.some((key) => settings[key] !== olds[key])) {
    return "password rules changed";
  }
  if (!isDeepStrictEqual(settings.keepers, olds.keepers ?? {})) {
    return "keepers changed";
  }
  return undefined;
}

/** Returns the first schedule time after `now` as ISO 8601, undefined without a period, or unknown when an input is. */
function scheduleAfter(rotateAfter: string | undefined, anchor: string, now: Date): string | undefined {
  if (rotateAfter === undefined) {
    return undefined;
  }
  if (isUnknown(rotateAfter) || isUnknown(anchor)) {
    return UNKNOWN_VALUE;
  }
  const period = parseRotationPeriod(rotateAfter);
  const anchorTime = parseRotationAnchor(anchor);
  if ("problem" in period || "problem" in anchorTime) {
    // normalizeSettings has reported the problem already, and check stops before planning.
    return undefined;
  }
  return nextRotationTime(anchorTime, period, now).toISOString();
}

/** Reads the next rotation recorded in state, or returns undefined when there is none or it is not a valid time. */
function readNextRotation(recorded: unknown): Date | undefined {
  const time = typeof recorded === "string" ? new Date(recorded) : undefined;
  return time && !Number.isNaN(time.getTime()) ? time : undefined;
}

/** Reads the anchor recorded in state. This module always records one, so the fallback to now only guards against edited state. */
function readAnchor(recorded: unknown, now: Date): string {
  return typeof recorded === "string" ? recorded : now.toISOString();
}

function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) {
    return true;
  }
  return typeof value === "object" && value !== null && Object.values(value).some(isUnknown);
}
