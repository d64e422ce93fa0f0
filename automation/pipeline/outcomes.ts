import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";

/** The effect a run had, or in a preview would have, on one resource. */
export type OutcomeKind = "rotated" | "created" | "updated" | "replaced" | "deleted" | "unchanged" | "failed";

/** One resource's outcome, with only values that are never secret. */
export interface ResourceOutcome {
  /** The resource's URN. */
  urn: string;
  /** The type without the dynamic-provider prefix, such as "gcore:UserPassword". */
  type: string;
  /** The resource name given in the program. */
  name: string;
  /** The effect on the resource. */
  outcome: OutcomeKind;
  /**
   * The provider's plain-words reason for the new password, present only when this run rotated,
   * created or replaced the resource, or in a preview, will.
   */
  reason?: string;
  /** How many passwords the resource has generated or set. */
  rotationCount?: number;
  /** When the password last changed, as an ISO 8601 time. */
  rotatedAt?: string;
  /** The next scheduled rotation, as an ISO 8601 time. */
  nextRotationAt?: string;
}

const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/";
const GENERATED_PASSWORD_TYPE = `${DYNAMIC_PREFIX}gcore:GeneratedPassword`;
const USER_PASSWORD_TYPE = `${DYNAMIC_PREFIX}gcore:UserPassword`;

/** The plain counter input that `check` raises for each new password, per resource type. */
const PASSWORD_COUNTERS: Record<string, string> = {
  [GENERATED_PASSWORD_TYPE]: "rotationCount",
  [USER_PASSWORD_TYPE]: "passwordVersion",
};

// The values copied from state are checked against these shapes, so that nothing but a time or a
// short phrase of plain words can reach the output, even if a key were ever filled with a secret.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const PLAIN_WORDS = /^[a-z][a-z ]{0,79}$/;

/**
 * Reads the outcome of one resource from an engine event: a completed step (`resOutputsEvent`) or a
 * failed one (`resOpFailedEvent`). Returns undefined for other events, for the stack itself and for
 * provider resources.
 */
export function outcomeFromEvent(event: EngineEvent): ResourceOutcome | undefined {
  const metadata = event.resOutputsEvent?.metadata ?? event.resOpFailedEvent?.metadata;
  if (!metadata || !isListedType(metadata.type)) {
    return undefined;
  }

  const kind = event.resOpFailedEvent ? "failed" : classifyStep(metadata);
  return {
    urn: metadata.urn,
    type: shortType(metadata.type),
    name: nameFromUrn(metadata.urn),
    outcome: kind,
    ...rotationDetails(metadata, kind),
  };
}

/**
 * Reads a failed outcome from an error diagnostic about one resource. The engine reports a resource
 * whose inputs `check` rejected only this way, with no failed step, in a preview and in an update.
 * Returns undefined for other events and for the stack and provider resources.
 */
export function failedOutcomeFromDiagnostic(event: EngineEvent): ResourceOutcome | undefined {
  const diagnostic = event.diagnosticEvent;
  if (diagnostic?.severity !== "error" || !diagnostic.urn) {
    return undefined;
  }
  // A URN is urn:pulumi:STACK::PROJECT::TYPE::NAME, where TYPE has its parents' types in front, each followed by $.
  const qualifiedType = diagnostic.urn.split("::")[2];
  const type = qualifiedType?.slice(qualifiedType.lastIndexOf("$") + 1);
  if (!type || !isListedType(type)) {
    return undefined;
  }
  return { urn: diagnostic.urn, type: shortType(type), name: nameFromUrn(diagnostic.urn), outcome: "failed" };
}

/** Tells whether the report lists resources of a type: every type except the stack and providers. */
function isListedType(type: string): boolean {
  return type !== "pulumi:pulumi:Stack" && !type.startsWith("pulumi:providers:");
}

function shortType(type: string): string {
  return type.startsWith(DYNAMIC_PREFIX) ? type.slice(DYNAMIC_PREFIX.length) : type;
}

function nameFromUrn(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

function classifyStep(metadata: StepEventMetadata): OutcomeKind {
  switch (metadata.op) {
    case "same":
    case "read":
    case "refresh":
      return "unchanged";
    case "create":
    case "import":
      return "created";
    case "delete":
    case "discard":
      return "deleted";
    case "replace":
    case "create-replacement":
    case "delete-replaced":
    case "read-replacement":
    case "import-replacement":
    case "discard-replaced":
      return "replaced";
    case "update":
      return isRotation(metadata) ? "rotated" : "updated";
    default:
      return "updated";
  }
}

/**
 * Tells whether an update changes the password. Both resource types record a plain counter input in
 * `check`: `rotationCount` for `GeneratedPassword` and `passwordVersion` for `UserPassword`. In a
 * preview the new counter may be unknown, which still means a new password.
 */
function isRotation(metadata: StepEventMetadata): boolean {
  const counter = PASSWORD_COUNTERS[metadata.type];
  if (counter === undefined) {
    return false;
  }
  return metadata.new?.inputs?.[counter] !== metadata.old?.inputs?.[counter];
}

/** The outcomes that give a resource a new password, and so the only ones that show the provider's reason. */
const NEW_PASSWORD_OUTCOMES: OutcomeKind[] = ["rotated", "created", "replaced"];

/**
 * Copies the plain rotation fields of a `GeneratedPassword` or `UserPassword` from the step's new
 * state. The state keeps the reason of the last new password, so it is copied only for an outcome
 * that makes a new password.
 */
function rotationDetails(metadata: StepEventMetadata, kind: OutcomeKind): Partial<ResourceOutcome> {
  if (metadata.type !== GENERATED_PASSWORD_TYPE && metadata.type !== USER_PASSWORD_TYPE) {
    return {};
  }
  // A preview has only the checked inputs of the new state, while a completed step has outputs too.
  const state = metadata.op === "delete" ? metadata.old : metadata.new;
  const values = { ...state?.inputs, ...state?.outputs };
  const details: Partial<ResourceOutcome> = {};

  if (NEW_PASSWORD_OUTCOMES.includes(kind) && typeof values.rotationReason === "string" && PLAIN_WORDS.test(values.rotationReason)) {
    details.reason = values.rotationReason;
  }
  if (typeof values.rotationCount === "number" && Number.isSafeInteger(values.rotationCount)) {
    details.rotationCount = values.rotationCount;
  }
  if (typeof values.rotatedAt === "string" && ISO_TIME.test(values.rotatedAt)) {
    details.rotatedAt = values.rotatedAt;
  }
  if (typeof values.nextRotationAt === "string" && ISO_TIME.test(values.nextRotationAt)) {
    details.nextRotationAt = values.nextRotationAt;
  }
  return details;
}
