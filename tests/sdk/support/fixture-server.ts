import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the fixture server received it. */
export interface RecordedRequest {
  method: string;
  /** Request target, including any query string. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Client port of the connection, which is the same for requests on one kept-alive connection. */
  remotePort?: number;
}

/** Handles one request, whose body has been read already: writes a response, breaks the connection, or never responds. */
export type Reply = (request: http.IncomingMessage, response: http.ServerResponse, body: string) => void;

/** Replies with JSON. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return text(status, JSON.stringify(body), { "content-type": "application/json", ...headers });
}

/** Replies with a raw body. */
export function text(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}

/** Sends the status line, headers and half of a JSON body, then destroys the socket. */
export function resetMidResponse(): Reply {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": "200" });
    response.write('{"access": "partial');
    setTimeout(() => response.socket?.destroy(), 20);
  };
}

/** Destroys the socket without writing anything. */
export function resetBeforeResponse(): Reply {
  return (request) => request.socket.destroy();
}

/** Never responds. The server destroys the socket when it closes. */
export function hang(): Reply {
  return () => undefined;
}

/** Sends headers at once, then one byte of body every 20 ms and never finishes. */
export function trickle(): Reply {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    const timer = setInterval(() => {
      if (response.destroyed || response.socket === null) {
        clearInterval(timer);
        return;
      }
      response.write(" ");
    }, 20);
    response.on("close", () => clearInterval(timer));
  };
}

/**
 * A node:http server on 127.0.0.1 that records every request and responds with scripted replies,
 * one per request in order. A request with no scripted reply left gets a 599 so the test fails loudly.
 */
export class FixtureServer {
  readonly requests: RecordedRequest[] = [];
  private readonly replies: Reply[] = [];

  private constructor(
    private readonly server: http.Server,
    /** Base URL of the server, such as "http://127.0.0.1:40123". */
    readonly url: string,
  ) {}

  static async start(): Promise<FixtureServer> {
    let fixture: FixtureServer | undefined;
    const server = http.createServer((request, response) => fixture?.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    fixture = new FixtureServer(server, `http://127.0.0.1:${port}`);
    return fixture;
  }

  /** Queues replies for the next requests. */
  reply(...replies: Reply[]): this {
    this.replies.push(...replies);
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      this.requests.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body,
        remotePort: request.socket.remotePort,
      });
      const reply = this.replies.shift() ?? text(599, "no scripted reply");
      reply(request, response, body);
    });
  }
}

/** Returns a loopback URL on which nothing listens, by opening and closing a server. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
