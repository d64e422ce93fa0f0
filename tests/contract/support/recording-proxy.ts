import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { ContractRequest, ContractResponse } from "./contract";

/** One request that passed through the proxy, with the emulator's response or what happened instead. */
export interface Exchange {
  request: ContractRequest;
  /** The response, unless the emulator closed the connection without one. */
  response?: ContractResponse;
}

/**
 * An HTTP proxy on 127.0.0.1 that forwards every request to `target` unchanged and records both
 * sides, so that a test can check what the client sent and what the emulator returned.
 */
export class RecordingProxy {
  private constructor(
    private readonly server: http.Server,
    /** Base URL of the proxy, to use as the client's `baseUrl`. */
    readonly url: string,
    /** Every exchange so far, in the order the requests arrived. */
    readonly exchanges: Exchange[],
  ) {}

  static async start(target: string): Promise<RecordingProxy> {
    const exchanges: Exchange[] = [];
    const server = http.createServer((request, response) => void forward(new URL(target), request, response, exchanges));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

    return new RecordingProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, exchanges);
  }

  /** Removes and returns the exchanges recorded so far. */
  take(): Exchange[] {
    return this.exchanges.splice(0);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

async function forward(target: URL, request: http.IncomingMessage, response: http.ServerResponse, exchanges: Exchange[]): Promise<void> {
  const body = await readAll(request);
  const recorded: ContractRequest = {
    method: request.method ?? "GET",
    path: (request.url ?? "/").split("?")[0],
    headers: { ...request.headers },
    body: body.toString("utf8"),
  };
  const exchange: Exchange = { request: recorded };
  exchanges.push(exchange);

  const upstream = http.request(
    { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
    (upstreamResponse) => {
      void readAll(upstreamResponse).then((responseBody) => {
        exchange.response = { status: upstreamResponse.statusCode ?? 0, headers: { ...upstreamResponse.headers }, body: responseBody.toString("utf8") };
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        response.end(responseBody);
      });
    },
  );
  // The emulator closed the connection without a response (a dropAfterCommitNext fault), so the client's is closed too.
  upstream.on("error", () => request.socket.destroy());
  upstream.end(body);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
