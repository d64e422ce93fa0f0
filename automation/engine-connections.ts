/**
 * Gives every gRPC client that an inline Pulumi program opens its own connections.
 *
 * By default grpc-js shares one connection pool per process, keyed by address. After an engine run
 * ends, the program's connection to the closed engine port can sit in reconnect backoff. When a later
 * run's engine listens on the same loopback port, the new client reuses that entry, and its first
 * call fails at once with "14 UNAVAILABLE: No connection established. Last error: null", which ends
 * the program before it declares any resource. A process that runs several stack operations one after
 * another (the pipeline command, the demo, the tests) meets this sooner or later.
 *
 * The Pulumi SDK builds its clients from one options object in `@pulumi/pulumi/runtime/settings`,
 * which it reads each time it connects. Setting `grpc.use_local_subchannel_pool` there gives each
 * client a pool of its own. The object is internal to the SDK, so when it is missing nothing changes.
 */

/** The grpc-js channel option that gives a client its own connection pool. */
const LOCAL_POOL_OPTION = "grpc.use_local_subchannel_pool";

/** Sets the local pool option on the SDK's client options and returns whether it is set. Safe to call again. */
export function isolateEngineConnections(): boolean {
  let settings: { grpcClientOptions?: Record<string, unknown> };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    settings = require("@pulumi/pulumi/runtime/settings") as typeof settings;
  } catch {
    return false;
  }
  const options = settings.grpcClientOptions;
  if (options === undefined || typeof options !== "object") {
    return false;
  }
  options[LOCAL_POOL_OPTION] = 1;
  return true;
}
