import { performance } from "node:perf_hooks";

import axios, { type AxiosInstance, type AxiosResponse } from "axios";

import { GcoreConfigurationError, GcoreConnectionError, GcoreError, GcoreResponseError, GcoreTimeoutError } from "./errors";
import { errorFromFailure, TLS_CODE } from "./failure-errors";
import { UnexpectedBodyError } from "./parse";
import { createRedactor, type Redact } from "./redact";
import { describeRequest, type ApiRequest, type HttpResponse } from "./request";
import { parseRetryAfter } from "./retry-after";
import { retryDelayMs, type AttemptOutcome } from "./retry-policy";
import type { ClientSettings } from "./settings";
import { errorFromStatus, readRequestId } from "./status-errors";

/** Largest response body the client reads, in bytes. Gcore's IAM responses are a few kilobytes. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** Sends API requests with axios and turns every failure into a typed, redacted `GcoreError`. */
export class Transport {
  private readonly http: AxiosInstance;

  constructor(private readonly settings: ClientSettings) {
    this.http = axios.create({
      timeout: Math.ceil(settings.timeoutMs),
      // Every status resolves, so the client classifies responses itself.
      validateStatus: () => true,
      maxRedirects: 0,
      // NOTE: environment proxy variables are ignored so that plain http stays on loopback as
      // configured. Pass an httpsAgent that tunnels through the proxy to use one.
      proxy: false,
      httpAgent: settings.httpAgent,
      httpsAgent: settings.httpsAgent,
      // The body arrives as text so that invalid JSON is detected here rather than passed on as a string.
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      maxContentLength: MAX_RESPONSE_BYTES,
      transitional: { clarifyTimeoutError: true },
    });
  }

  /**
   * Sends one request and reads its 2xx JSON body with `read`.
   *
   * @throws GcoreError subclasses for every failure, with secrets of the client and of `request` redacted.
   */
  async send<T>(request: ApiRequest, read: (body: unknown) => T): Promise<T> {
    const headers = this.headersFor(request);
    const redact = createRedactor([...this.settings.credentialSecrets, ...request.secrets]);

    for (let retriesSoFar = 0; ; retriesSoFar++) {
      const attempt = await this.attempt(request, headers, redact);
      if ("response" in attempt && attempt.response.status >= 200 && attempt.response.status <= 299) {
        return readBody(request, attempt.response, redact, read);
      }

      // The retry policy (sdk/retry-policy.ts) never repeats a call whose `retryable` is false.
      const error =
        "error" in attempt ? attempt.error : errorFromStatus(request, attempt.response, redact, request.unauthorizedHint ?? this.credentialHint());
      if (attempt.outcome.kind === "response" && attempt.outcome.status === 429) {
        this.settings.onRateLimited?.(parseRetryAfter(attempt.outcome.retryAfter));
      }
      const delayMs = retryDelayMs(request.retryable, attempt.outcome, retriesSoFar, {
        maxRetries: this.settings.maxRetries,
        random: this.settings.random,
        now: Date.now,
      });
      if (delayMs === undefined) {
        throw error;
      }

      this.logLine(redact(`${describeRequest(request)}: retry ${retriesSoFar + 1} of ${this.settings.maxRetries} in ${delayMs} ms after ${error.name}`));
      await this.settings.sleep(delayMs);
    }
  }

  /** Makes one attempt and returns its response, or the failure with how the retry policy should see it. */
  private async attempt(
    request: ApiRequest,
    headers: Record<string, string>,
    redact: Redact,
  ): Promise<{ response: HttpResponse; outcome: AttemptOutcome } | { error: GcoreError; outcome: AttemptOutcome }> {
    try {
      const response = await this.exchange(request, headers, redact);
      return { response, outcome: { kind: "response", status: response.status, retryAfter: response.headers["retry-after"] } };
    } catch (error) {
      if (error instanceof GcoreTimeoutError) {
        return { error, outcome: { kind: "timeout" } };
      }
      if (error instanceof GcoreConnectionError && !isCertificateFailure(error)) {
        return { error, outcome: { kind: "connection-failure" } };
      }
      throw error;
    }
  }

  /** Performs the HTTP exchange under the `timeoutMs` deadline and logs its outcome. */
  private async exchange(request: ApiRequest, headers: Record<string, string>, redact: Redact): Promise<HttpResponse> {
    const started = performance.now();
    // Axios's timeout stops being a wall-clock limit once response headers arrive, so a body that trickles in
    // never trips it. This deadline covers the whole exchange.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.settings.timeoutMs);

    let response: AxiosResponse<string>;
    try {
      response = await this.http.request<string>({
        method: request.method,
        url: `${this.settings.baseUrl}${request.path}`,
        data: request.body,
        headers,
        signal: deadline.signal,
      });
    } catch (error) {
      const failure = errorFromFailure(request, error, redact, {
        deadlineExceeded: deadline.signal.aborted,
        timeoutMs: this.settings.timeoutMs,
        maxResponseBytes: MAX_RESPONSE_BYTES,
      });
      const code = (failure.cause as { code?: string } | undefined)?.code;
      this.log(request, failure instanceof GcoreTimeoutError ? "timeout" : code ?? failure.name, started, redact);
      throw failure;
    } finally {
      clearTimeout(timer);
    }

    this.log(request, String(response.status), started, redact);
    return {
      status: response.status,
      headers: readHeaders(response),
      bodyText: typeof response.data === "string" ? response.data : "",
    };
  }

  private headersFor(request: ApiRequest): Record<string, string> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (!request.authenticated) {
      return headers;
    }
    if (this.settings.authorization === undefined) {
      throw new GcoreConfigurationError(`${describeRequest(request)} needs credentials, but none are set.`, {
        method: request.method,
        path: request.path,
        hint: "Set GCORE_API_KEY or pass apiKey (or accessToken) to GcoreIamClient.",
      });
    }
    headers.Authorization = this.settings.authorization;
    return headers;
  }

  private credentialHint(): string {
    return this.settings.authorization?.startsWith("Bearer ")
      ? "The access token may have expired (they last about an hour): refresh it or log in again."
      : "Check that the API key (apiKey or GCORE_API_KEY) is correct and not revoked.";
  }

  /** Logs the outcome of one attempt. */
  private log(request: ApiRequest, outcome: string, started: number, redact: Redact): void {
    const elapsedMs = Math.round(performance.now() - started);
    this.logLine(redact(`${describeRequest(request)} -> ${outcome} in ${elapsedMs} ms`));
  }

  /** Sends one redacted line to the logger. A throwing logger is ignored so that it cannot hide whether a password changed. */
  private logLine(line: string): void {
    if (!this.settings.logger) {
      return;
    }
    try {
      this.settings.logger(line);
    } catch {
      // A logging failure must not replace the outcome of the call.
    }
  }
}

/** Parses a 2xx body as JSON and reads it with `read`. Any problem becomes a GcoreResponseError. */
function readBody<T>(request: ApiRequest, response: HttpResponse, redact: Redact, read: (body: unknown) => T): T {
  const attempted = describeRequest(request);
  const details = {
    method: request.method,
    path: request.path,
    status: response.status,
    requestId: readRequestId(response, redact),
    hint: request.ambiguousOutcomeHint,
  };

  let body: unknown;
  try {
    body = JSON.parse(response.bodyText);
  } catch {
    // The cause is left out: JSON.parse quotes part of the body, which may hold tokens.
    throw new GcoreResponseError(
      `Gcore's response to ${attempted} (${response.status}) is not valid JSON. Check that the base URL points at the Gcore API.`,
      details,
    );
  }

  try {
    return read(body);
  } catch (error) {
    if (!(error instanceof UnexpectedBodyError)) {
      throw error;
    }
    throw new GcoreResponseError(
      `Gcore's response to ${attempted} (${response.status}) has an unexpected shape: ${redact(error.message)}.`,
      details,
    );
  }
}

function readHeaders(response: AxiosResponse): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (Array.isArray(value)) {
      headers[name.toLowerCase()] = value.join(", ");
    } else if (value !== undefined && value !== null) {
      headers[name.toLowerCase()] = String(value);
    }
  }
  return headers;
}

/** Tells whether a connection failed on TLS certificate verification, which another attempt cannot fix. */
function isCertificateFailure(error: GcoreConnectionError): boolean {
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && TLS_CODE.test(code);
}
