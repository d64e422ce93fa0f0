import * as http from "node:http";
import type * as stream from "node:stream";

/** An HTTP agent that counts the TCP connections it opens, so a benchmark can show what keep-alive saves. */
export class CountingAgent extends http.Agent {
  /** Connections opened so far. */
  connections = 0;

  override createConnection(options: http.ClientRequestArgs, callback?: (error: Error | null, socket: stream.Duplex) => void): stream.Duplex | null | undefined {
    this.connections += 1;
    return super.createConnection(options, callback);
  }
}

/** Returns the connections that several agents opened in total. */
export function countConnections(agents: readonly CountingAgent[]): number {
  return agents.reduce((sum, agent) => sum + agent.connections, 0);
}
