import { classifyChangeError, classifyLoginError } from "../../../provider/rotation/classify";
import {
  GcoreAuthenticationError,
  GcoreConfigurationError,
  GcoreConnectionError,
  GcoreNotFoundError,
  GcorePermissionError,
  GcoreRateLimitError,
  GcoreResponseError,
  GcoreServerError,
  GcoreTimeoutError,
  GcoreValidationError,
} from "../../../sdk";

/** Creates a connection error whose sanitized cause has a network error code. */
function connectionError(code: string): GcoreConnectionError {
  return new GcoreConnectionError(`failed (${code})`, { cause: Object.assign(new Error(code), { code }) });
}

describe("classifyChangeError", () => {
  test.each<[string, unknown, string]>([
    ["429", new GcoreRateLimitError("429", { status: 429, retryAfterSeconds: 3 }), "rate-limited"],
    ["400 on old", new GcoreValidationError("400", { status: 400, fieldErrors: { old: ["Old password is incorrect"] } }), "old-rejected"],
    ["400 on new", new GcoreValidationError("400", { status: 400, fieldErrors: { new: ["Too short"] } }), "new-rejected"],
    ["401", new GcoreAuthenticationError("401", { status: 401 }), "refused"],
    ["403", new GcorePermissionError("403", { status: 403 }), "refused"],
    ["404", new GcoreNotFoundError("404", { status: 404 }), "refused"],
    ["409", new GcoreResponseError("409", { status: 409 }), "refused"],
    ["413", new GcoreResponseError("413", { status: 413 }), "refused"],
    ["422", new GcoreResponseError("422", { status: 422 }), "refused"],
    ["408", new GcoreResponseError("408", { status: 408 }), "unknown"],
    ["500", new GcoreServerError("500", { status: 500 }), "unknown"],
    ["503", new GcoreServerError("503", { status: 503 }), "unknown"],
    ["302", new GcoreResponseError("302", { status: 302 }), "unknown"],
    ["200 with a bad body", new GcoreResponseError("200", { status: 200 }), "unknown"],
    ["timeout", new GcoreTimeoutError("timed out"), "unknown"],
    ["connection refused", connectionError("ECONNREFUSED"), "refused"],
    ["host not found", connectionError("ENOTFOUND"), "refused"],
    ["connection reset", connectionError("ECONNRESET"), "unknown"],
    ["configuration error", new GcoreConfigurationError("no credentials"), "refused"],
    ["invalid user id", new RangeError("userId must be a positive integer"), "refused"],
    ["other error", new Error("boom"), "unknown"],
  ])("%s", (_case, error, kind) => {
    expect(classifyChangeError(error).kind).toBe(kind);
  });
});

describe("classifyLoginError", () => {
  test.each<[string, unknown, string]>([
    ["401", new GcoreAuthenticationError("401", { status: 401 }), "rejected"],
    ["400", new GcoreValidationError("400", { status: 400 }), "rejected"],
    ["429", new GcoreRateLimitError("429", { status: 429 }), "rate-limited"],
    ["500", new GcoreServerError("500", { status: 500 }), "unknown"],
  ])("%s", (_case, error, kind) => {
    expect(classifyLoginError(error).kind).toBe(kind);
  });
});
