import { GcoreError, type GcoreErrorDetails } from "./gcore-error";

/** Gcore rejected the request body (400). `fieldErrors` lists Gcore's messages per request field. */
export class GcoreValidationError extends GcoreError {
  override name = "GcoreValidationError";
  /** Gcore's messages per request field, such as `{ old: ["Old password is incorrect"] }`. Empty when Gcore sent none. */
  readonly fieldErrors: Record<string, string[]>;

  constructor(message: string, details: GcoreErrorDetails & { fieldErrors?: Record<string, string[]> } = {}) {
    super(message, details);
    this.fieldErrors = details.fieldErrors ?? {};
  }
}
