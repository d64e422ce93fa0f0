/** Response status and parsed JSON body (undefined for an empty body). */
export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

export interface CallOptions {
  /** JSON-serialized unless it is a string, which is sent as is. */
  body?: unknown;
  /** Value of the Authorization header. */
  authorization?: string;
  /** Aborts the request, for example to give up while a fault latency runs. */
  signal?: AbortSignal;
}

/** Sends one request with the global fetch and returns the status and JSON body. */
export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (options.authorization !== undefined) {
    headers.Authorization = options.authorization;
  }

  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }

  const response = await fetch(`${baseUrl}${path}`, { method, headers, body, signal: options.signal });
  const text = await response.text();

  return { status: response.status, body: text === "" ? undefined : JSON.parse(text), headers: response.headers };
}

/** Logs in and returns the token pair, failing the test on any other status. */
export async function login(baseUrl: string, username: string, password: string): Promise<{ refresh: string; access: string }> {
  const response = await call(baseUrl, "POST", "/iam/auth/jwt/login", { body: { username, password } });
  if (response.status !== 200) {
    throw new Error(`Login as ${username} failed with ${response.status}: ${JSON.stringify(response.body)}`);
  }

  return response.body;
}

/** Returns the JSON payload of a JWT without verifying it. */
export function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}
