import * as fs from "node:fs";

/** Returns the ids of running processes whose executable name and arguments contain every given part. */
export function findProcesses(executableName: string, argumentParts: string[]): number[] {
  const ids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    let argv: string[];
    try {
      argv = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue;
    }
    const executable = argv[0]?.split("/").pop();
    if (executable === executableName && argumentParts.every((part) => argv.includes(part))) {
      ids.push(Number(entry));
    }
  }
  return ids;
}

/** Waits until a condition holds, checking every 50 ms, or fails after the timeout. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
