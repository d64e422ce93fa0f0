import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_SEED } from "./demo-seed";
import { FaultTable } from "./faults";
import { KeyedLock } from "./keyed-lock";
import { LockoutTracker } from "./lockout";
import { openState } from "./persistent-state";
import { verifyPasswordSync } from "./password-hash";
import { RequestCounter } from "./request-counter";
import { createRequestListener } from "./request-handler";
import { validateSeed } from "./seed-validation";
import type { EmulatorOptions, RouteAlias, RouteFault, RouteKey, RunningEmulator } from "./types";

/** Raised when the server cannot listen on the requested host and port. */
export class EmulatorListenError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = "EmulatorListenError";
  }
}

/**
 * Starts an emulator and resolves once it accepts connections. Rejects with a `SeedError`, a
 * `StateFileError`, an `InvalidSettingError` or an `EmulatorListenError`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const seed = validateSeed(options.seed ?? DEMO_SEED, options.seed === undefined ? "DEMO_SEED" : "options.seed");

  const { signer, store, tokens } = await openState(seed, now, options.stateFile, log);
  const counter = new RequestCounter();
  const faults = initialFaults(options.faults ?? {}, log);
  const lockout = new LockoutTracker(log);
  if (options.lockout !== undefined) {
    lockout.setPolicy(options.lockout);
  }
  const closingController = new AbortController();

  const server = createServer(
    createRequestListener({
      store,
      tokens,
      passwordChangeLock: new KeyedLock<number>(),
      lockout,
      counter,
      faults,
      publicKeyPem: signer.publicKeyPem,
      log,
      closing: closingController.signal,
    }),
  );
  const port = await listen(server, options.port ?? 0, host);
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    publicKeyPem: signer.publicKeyPem,
    requestCounts: () => counter.requestCounts(),
    statusCounts: () => counter.statusCounts(),
    connectionCount: () => counter.connectionCount(),
    resetRequestCounts: () => counter.reset(),
    passwordMatches: (userId, password) => {
      const user = store.findById(userId);
      return user !== undefined && verifyPasswordSync(password, user.passwordHash);
    },
    faults: {
      set: (route, fault) => {
        const key = faults.set(route, fault);
        log(`fault: ${key} set to ${JSON.stringify(faults.get()[key] ?? {})}`);
      },
      clear: (route) => {
        faults.clear(route);
        log(`fault: cleared on ${route ?? "every route"}`);
      },
      get: () => faults.get(),
    },
    setLockout: (policy) => lockout.setPolicy(policy),
    lockedUserIds: () => lockout.lockedUserIds(),
    close: () => {
      if (closing === undefined) {
        closingController.abort();
        closing = closeServer(server);
      }
      return closing;
    },
  };
}

/** Builds the fault table from `EmulatorOptions.faults`, validating every entry. */
function initialFaults(entries: Partial<Record<RouteKey | RouteAlias, RouteFault>>, log: (line: string) => void): FaultTable {
  const faults = new FaultTable();
  for (const [route, fault] of Object.entries(entries)) {
    const key = faults.set(route, fault);
    log(`fault: ${key} set to ${JSON.stringify(faults.get()[key] ?? {})}`);
  }

  return faults;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const reason = error.code ?? error.message;
      reject(new EmulatorListenError(`Cannot listen on ${host}:${port} (${reason}). Choose another port or host.`, { cause: error }));
    };

    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    // Keep-alive connections would hold `close` open until clients drop them.
    server.closeAllConnections();
  });
}
