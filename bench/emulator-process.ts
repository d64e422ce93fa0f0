import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import type { EmulatorSeed, RouteKey } from "../emulator";

/** Requests the emulator has responded to, by route key. */
export type RequestCounts = Partial<Record<RouteKey, number>>;

/** An emulator running in its own process, as Gcore runs apart from the Pulumi engine. */
export interface EmulatorProcess {
  url: string;
  /** The process id, for CPU accounting. */
  pid: number;
  /** Reads the request counts through the emulator's admin endpoint, which is not counted itself. */
  requestCounts(): Promise<RequestCounts>;
  /** Reads how many TCP connections carried the counted requests. */
  connectionCount(): Promise<number>;
  resetRequestCounts(): Promise<void>;
  stop(): Promise<void>;
}

const CLI_PATH = path.join(__dirname, "..", "emulator", "cli.js");
const LISTENING_LINE = /listening on (http:\/\/\S+)/;

/**
 * Starts the emulator command line on a free loopback port with a seed file, so that its scrypt
 * hashing and JWT signing use their own event loop and not the one that serves the Pulumi program.
 */
export async function startEmulatorProcess(seed: EmulatorSeed): Promise<EmulatorProcess> {
  const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-bench-seed-"));
  const seedFile = path.join(seedDir, "seed.json");
  fs.writeFileSync(seedFile, JSON.stringify(seed), { mode: 0o600 });

  const child = spawn(process.execPath, [CLI_PATH, "--seed", seedFile, "--quiet"], { stdio: ["ignore", "pipe", "pipe"] });
  let url: string;
  try {
    url = await readListeningUrl(child);
  } finally {
    fs.rmSync(seedDir, { recursive: true, force: true });
  }

  return {
    url,
    pid: child.pid ?? 0,
    requestCounts: async () => (await adminRequest(url, "GET", "/__emulator/requests")) as RequestCounts,
    connectionCount: async () => ((await adminRequest(url, "GET", "/__emulator/connections")) as { connections: number }).connections,
    resetRequestCounts: async () => {
      await adminRequest(url, "POST", "/__emulator/requests/reset");
    },
    stop: () => stopProcess(child),
  };
}

function readListeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = LISTENING_LINE.exec(stdout);
      if (match) {
        resolve(match[1]);
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`The emulator exited with status ${code} before listening: ${stderr.trim()}`)));
  });
}

async function adminRequest(url: string, method: string, route: string): Promise<unknown> {
  const response = await fetch(`${url}${route}`, { method });
  if (!response.ok) {
    throw new Error(`${method} ${route} on the emulator failed with status ${response.status}.`);
  }
  return response.status === 204 ? undefined : response.json();
}

/** Sends SIGTERM and waits for the exit. Kept-alive client connections can keep the server open, so SIGKILL follows after 3 s. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
