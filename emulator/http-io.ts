import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "./api-errors";

/** Largest request body the emulator reads. The emulated routes take a few short strings. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads the whole request body. A body over `MAX_BODY_BYTES` is read to its end but discarded, and
 * then a 413 `ApiError` is thrown. Reading the rest keeps the connection usable for the error response.
 */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;

  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) {
      chunks.push(buffer);
    }
  }

  if (size > MAX_BODY_BYTES) {
    throw ApiError.payloadTooLarge(MAX_BODY_BYTES);
  }

  return Buffer.concat(chunks);
}

/**
 * Parses a request body as JSON regardless of its Content-Type. An empty body is an empty object,
 * so every required field is then reported missing. Invalid JSON throws a 400 `ApiError`.
 */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString("utf8");
  if (text.trim() === "") {
    return {};
  }

  try {
    return JSON.parse(text);
  } catch (error) {
    // V8's message quotes part of the body, which may hold a password, so only its position is kept.
    throw ApiError.jsonParse(describeParsePosition((error as Error).message));
  }
}

/** Sends `body` as a JSON response, or an empty response when `body` is undefined, with any extra `headers`. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    response.writeHead(status, headers);
    response.end();
    return;
  }

  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  response.end(text);
}

/** Reduces a JSON.parse message to where parsing failed, without any of the text it quotes. */
function describeParsePosition(message: string): string {
  const position = /position (\d+)/.exec(message);
  return position === null ? "the request body is not valid JSON" : `invalid JSON at position ${position[1]}`;
}
