/** The value the engine sends during a preview for an input that is not known yet. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Tells whether an input value is still unknown because it depends on another resource during a preview. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}
