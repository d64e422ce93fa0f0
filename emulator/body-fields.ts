import { ApiError, type FieldErrors } from "./api-errors";

/**
 * Reads string fields from a parsed JSON body with the checks and messages of a Django REST
 * framework serializer of `CharField`s. `required` fields must be non-empty strings. `optional`
 * fields may be absent, null or any string. Throws a 400 `ApiError` listing every bad field.
 */
export function readStringFields<R extends string, O extends string = never>(
  body: unknown,
  required: readonly R[],
  optional: readonly O[] = [],
): Record<R, string> & Partial<Record<O, string | null>> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw ApiError.validation({
      non_field_errors: [`Invalid data. Expected a dictionary, but got ${pythonTypeName(body)}.`],
    });
  }

  const input = body as Record<string, unknown>;
  const values: Record<string, string | null> = {};
  const errors: FieldErrors = {};

  for (const field of required) {
    const problem = requiredFieldProblem(input[field]);
    if (problem === undefined) {
      values[field] = input[field] as string;
    } else {
      errors[field] = [problem];
    }
  }

  for (const field of optional) {
    const value = input[field];
    if (value === undefined || value === null || typeof value === "string") {
      values[field] = value ?? null;
    } else {
      errors[field] = ["Not a valid string."];
    }
  }

  if (Object.keys(errors).length > 0) {
    throw ApiError.validation(errors);
  }

  return values as Record<R, string> & Partial<Record<O, string | null>>;
}

function requiredFieldProblem(value: unknown): string | undefined {
  if (value === undefined) {
    return "This field is required.";
  }
  if (value === null) {
    return "This field may not be null.";
  }
  // NOTE: Django REST framework converts numbers to strings here, but the emulator rejects them so
  // that a client sending a number instead of a string fails in tests.
  if (typeof value !== "string") {
    return "Not a valid string.";
  }
  if (value === "") {
    return "This field may not be blank.";
  }

  return undefined;
}

/** Names a JSON value's type the way Python, and so Django REST framework, prints it. */
function pythonTypeName(value: unknown): string {
  if (value === null) {
    return "NoneType";
  }
  if (Array.isArray(value)) {
    return "list";
  }
  if (typeof value === "string") {
    return "str";
  }
  if (typeof value === "boolean") {
    return "bool";
  }

  return Number.isInteger(value) ? "int" : "float";
}
