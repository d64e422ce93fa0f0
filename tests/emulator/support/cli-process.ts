import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const REPOSITORY_ROOT = path.resolve(__dirname, "../../..");

/**
 * Compiles only the emulator's files into `outDir` and returns the path of the compiled CLI.
 * The rest of the repository is left out so that the test does not depend on it compiling.
 */
export function compileCli(outDir: string): string {
  const tsc = require.resolve("typescript/bin/tsc");
  execFileSync(
    process.execPath,
    [
      tsc,
      path.join(REPOSITORY_ROOT, "emulator/cli.ts"),
      "--outDir", outDir,
      "--rootDir", path.join(REPOSITORY_ROOT, "emulator"),
      "--module", "commonjs",
      "--target", "ES2022",
      "--strict",
      "--esModuleInterop",
      "--skipLibCheck",
      "--types", "node",
    ],
    { cwd: REPOSITORY_ROOT, stdio: "pipe" },
  );

  return path.join(outDir, "cli.js");
}

/** A running CLI process with its collected output. */
export class CliProcess {
  private static readonly running = new Set<CliProcess>();

  readonly child: ChildProcess;
  stdout = "";
  stderr = "";
  /** Resolves with the exit code, or the signal name if a signal ended the process. */
  readonly exited: Promise<number | string>;

  constructor(cliPath: string, args: string[]) {
    // The compiled CLI sits in a temporary folder outside the repository, so NODE_PATH lets it find jose.
    const env = { ...process.env, NODE_PATH: path.join(REPOSITORY_ROOT, "node_modules") };
    this.child = spawn(process.execPath, [cliPath, ...args], { cwd: REPOSITORY_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout?.on("data", (chunk) => (this.stdout += chunk));
    this.child.stderr?.on("data", (chunk) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => {
      this.child.on("close", (code, signal) => resolve(code ?? signal ?? "unknown"));
    });
    CliProcess.running.add(this);
    void this.exited.then(() => CliProcess.running.delete(this));
  }

  /** Kills every CLI process that a test left running, for example after a failed assertion. */
  static async killLeftovers(): Promise<void> {
    const leftovers = [...CliProcess.running];
    for (const cli of leftovers) {
      cli.child.kill("SIGKILL");
    }
    await Promise.all(leftovers.map((cli) => cli.exited));
  }

  /** Waits for the "listening on" line and returns the URL from it. Fails if the process exits first. */
  async waitForUrl(timeoutMs = 20000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));

    while (Date.now() < deadline) {
      const match = /^Gcore IAM emulator listening on (http:\/\/\S+)\n/.exec(this.stdout);
      if (match !== null) {
        return match[1];
      }
      if (exited) {
        throw new Error(`CLI exited before listening. stderr: ${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    this.child.kill("SIGKILL");
    throw new Error(`CLI did not print its URL within ${timeoutMs} ms. stderr: ${this.stderr}`);
  }

  /** Sends `signal` and resolves with the exit code. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | string> {
    this.child.kill(signal);
    return this.exited;
  }
}

/** Runs the CLI to completion and returns its exit code and output. */
export async function runCli(cliPath: string, args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const cli = new CliProcess(cliPath, args);
  const code = await cli.exited;

  return { code, stdout: cli.stdout, stderr: cli.stderr };
}
