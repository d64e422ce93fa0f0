import * as grpc from "@grpc/grpc-js";

import { isolateEngineConnections } from "../../automation/engine-connections";

/** A unary gRPC service with one method, enough to open a connection and make a call. */
const PING_SERVICE: grpc.ServiceDefinition = {
  ping: {
    path: "/test.Ping/Ping",
    requestStream: false,
    responseStream: false,
    requestSerialize: () => Buffer.alloc(0),
    requestDeserialize: () => ({}),
    responseSerialize: () => Buffer.alloc(0),
    responseDeserialize: () => ({}),
  },
};
const PingClient = grpc.makeGenericClientConstructor(PING_SERVICE, "Ping");

/** Returns the options object the Pulumi SDK builds its engine and monitor clients from. */
function sdkClientOptions(): grpc.ClientOptions {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("@pulumi/pulumi/runtime/settings") as { grpcClientOptions: grpc.ClientOptions }).grpcClientOptions;
}

async function listen(port: number): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server();
  server.addService(PING_SERVICE, { ping: (_call: unknown, reply: grpc.sendUnaryData<object>) => reply(null, {}) });
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, value) => (error ? reject(error) : resolve(value))),
  );
  return { server, port: bound };
}

/** Makes one call and returns "ok" or the error message. */
function ping(client: grpc.Client): Promise<string> {
  return new Promise((resolve) => (client as unknown as { ping(request: object, done: (error: Error | null) => void): void }).ping({}, (error) => resolve(error ? error.message : "ok")));
}

/**
 * Replays what happens between two engine runs in one process: a client of the first run calls its
 * engine after it has stopped, and the next run's engine listens on the same port. Returns the result
 * of the next run's first call.
 */
async function firstCallOnReusedPort(options: grpc.ClientOptions): Promise<string> {
  const first = await listen(0);
  const oldClient = new PingClient(`127.0.0.1:${first.port}`, grpc.credentials.createInsecure(), options);
  expect(await ping(oldClient)).toBe("ok");
  first.server.forceShutdown();
  expect(await ping(oldClient)).toContain("ECONNREFUSED");

  const second = await listen(first.port);
  const newClient = new PingClient(`127.0.0.1:${second.port}`, grpc.credentials.createInsecure(), options);
  try {
    return await ping(newClient);
  } finally {
    oldClient.close();
    newClient.close();
    second.server.forceShutdown();
  }
}

describe("engine connections of inline programs", () => {
  test("shared pool fails on reused port", async () => {
    expect(await firstCallOnReusedPort({})).toMatch(/^14 UNAVAILABLE: No connection established\. Last error: null/);
  });

  test("isolated SDK options succeed on reused port", async () => {
    expect(isolateEngineConnections()).toBe(true);
    expect(sdkClientOptions()["grpc.use_local_subchannel_pool"]).toBe(1);
    expect(await firstCallOnReusedPort(sdkClientOptions())).toBe("ok");
  });

  test("stack helpers isolate on load", () => {
    for (const helper of ["../../automation/local-stack", "../../automation/pipeline/run"]) {
      jest.isolateModules(() => {
        expect(sdkClientOptions()["grpc.use_local_subchannel_pool"]).toBeUndefined();
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(helper);
        expect(sdkClientOptions()["grpc.use_local_subchannel_pool"]).toBe(1);
      });
    }
  });
});
