import {
  GcoreAuthenticationError,
  GcoreError,
  GcoreNotFoundError,
  GcorePermissionError,
  GcoreRateLimitError,
  GcoreResponseError,
  GcoreServerError,
  GcoreValidationError,
  type GcoreErrorDetails,
} from "./errors";
import { isRecord } from "./parse";
import type { Redact } from "./redact";
import { describeRequest, type ApiRequest, type HttpResponse } from "./request";
import { parseRetryAfter } from "./retry-after";

// Gcore's texts are short, so a longer one is cut to keep a misbehaving server from flooding logs.
const MAX_TEXT_LENGTH = 500;

/** Gcore's explanation of an error response, redacted. */
export interface ErrorBody {
  /** Gcore's `message` or `detail` text. */
  text?: string;
  /** Gcore's messages per request field. */
  fieldErrors: Record<string, string[]>;
}

/**
 * Builds the typed error for a response whose status is not 2xx. The message names the request,
 * the status and Gcore's own text, then the next step, which the error also keeps as `hint`.
 */
export function errorFromStatus(request: ApiRequest, response: HttpResponse, redact: Redact, unauthorizedHint: string): GcoreError {
  const { status } = response;
  const body = readErrorBody(response.bodyText, redact);
  const details: GcoreErrorDetails = {
    method: request.method,
    path: request.path,
    status,
    requestId: readRequestId(response, redact),
    detail: body.text,
  };
  const attempted = describeRequest(request);
  const gcoreText = body.text === undefined ? "." : `: ${asSentence(body.text)}`;

  if (status === 400) {
    const explanation = listFieldErrors(body.fieldErrors) || body.text || "no error details in the response";
    return new GcoreValidationError(`Gcore rejected ${attempted} (400): ${explanation}`, { ...details, fieldErrors: body.fieldErrors });
  }
  if (status === 401) {
    return new GcoreAuthenticationError(`Gcore rejected the credentials for ${attempted} (401)${gcoreText}`, { ...details, hint: unauthorizedHint });
  }
  if (status === 403) {
    return new GcorePermissionError(`Gcore denied ${attempted} (403)${gcoreText}`, { ...details, hint: "Use credentials that are allowed to make this call." });
  }
  if (status === 404) {
    return new GcoreNotFoundError(`Gcore found nothing at ${attempted} (404)${gcoreText}`, { ...details, hint: "Check the user id and the base URL." });
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(response.headers["retry-after"]);
    const hint = retryAfterSeconds === undefined ? "Wait before retrying." : `Retry after ${retryAfterSeconds} s.`;
    return new GcoreRateLimitError(`Gcore rate-limited ${attempted} (429)${gcoreText}`, { ...details, retryAfterSeconds, hint });
  }
  if (status >= 500 && status <= 599) {
    return new GcoreServerError(`Gcore failed to handle ${attempted} (${status})${gcoreText}`, { ...details, hint: request.ambiguousOutcomeHint ?? "Retry later." });
  }

  const hint = status >= 300 && status <= 399 ? "The client does not follow redirects: check that the base URL is the API root." : undefined;
  return new GcoreResponseError(`Gcore returned an unexpected status for ${attempted} (${status})${gcoreText}`, { ...details, hint });
}

/**
 * Reads Gcore's error body: `{errors: {field: [...]}}`, `{message}`, `{detail}`, or a bare
 * `{field: [...]}` map. Anything else, including a body that is not JSON, gives no details.
 */
export function readErrorBody(bodyText: string, redact: Redact): ErrorBody {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return { fieldErrors: {} };
  }
  if (!isRecord(body)) {
    return { fieldErrors: {} };
  }

  const text = readText(body, redact);
  if (isRecord(body.errors)) {
    return { text, fieldErrors: collectFieldErrors(body.errors, redact) };
  }
  // Without an `errors` member or a text, the body itself may be a bare field map.
  return { text, fieldErrors: text === undefined ? collectFieldErrors(body, redact) : {} };
}

/** Reads Gcore's `message` text, or else its `detail` text, redacted. */
function readText(body: Record<string, unknown>, redact: Redact): string | undefined {
  for (const candidate of [body.message, body.detail]) {
    if (typeof candidate === "string" && candidate.trim() !== "") {
      return clean(candidate, redact);
    }
  }
  return undefined;
}

/**
 * Collects string messages per field. Nested objects give dotted names ("groups.0.name"), and values
 * of other types are skipped.
 */
function collectFieldErrors(source: Record<string, unknown>, redact: Redact): Record<string, string[]> {
  const collected = new Map<string, string[]>();
  addFieldErrors(collected, source, "", redact);
  // Object.fromEntries defines own properties, so a field named "__proto__" stays a plain field.
  return Object.fromEntries(collected);
}

function addFieldErrors(collected: Map<string, string[]>, source: Record<string, unknown>, prefix: string, redact: Redact): void {
  for (const [key, value] of Object.entries(source)) {
    const values = Array.isArray(value) ? value : [value];
    const messages = values.filter((item): item is string => typeof item === "string").map((item) => clean(item, redact));
    if (messages.length > 0) {
      collected.set(clean(prefix + key, redact), messages);
    }
    values.forEach((item, index) => {
      if (isRecord(item)) {
        const nestedPrefix = Array.isArray(value) ? `${prefix}${key}.${index}.` : `${prefix}${key}.`;
        addFieldErrors(collected, item, nestedPrefix, redact);
      }
    });
  }
}

/** Reads the x-request-id header, redacted like any other text from the server. */
export function readRequestId(response: HttpResponse, redact: Redact): string | undefined {
  const value = response.headers["x-request-id"];
  return value === undefined ? undefined : clean(value, redact);
}

/** Formats field errors as "old: Old password is incorrect; new: ...". */
function listFieldErrors(fieldErrors: Record<string, string[]>): string {
  return Object.entries(fieldErrors)
    .flatMap(([field, messages]) => messages.map((message) => `${field}: ${message}`))
    .join("; ");
}

function clean(text: string, redact: Redact): string {
  // Redacting before trimming keeps a secret with surrounding whitespace recognizable.
  const redacted = redact(text).trim();
  return redacted.length > MAX_TEXT_LENGTH ? `${redacted.slice(0, MAX_TEXT_LENGTH)}...` : redacted;
}

/** Ends a text with a full stop unless it already ends with punctuation. */
function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
