import { execFile, spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..");

/** The compiled pipeline command, as npm links it for the package's `bin`. */
export const PIPELINE_CLI = path.join(repoRoot, "dist", "automation", "pipeline", "cli.js");

/** What one run of the pipeline command printed and its exit code. */
export interface PipelineRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Extra environment variables for a run. A variable set to undefined is removed. */
export type PipelineEnv = Record<string, string | undefined>;

/** Runs the compiled `gcore-rotate-pipeline` with arguments and extra environment variables, and waits for it to exit. */
export function runPipelineCli(args: string[], env: PipelineEnv = {}, cwd: string = repoRoot): Promise<PipelineRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [PIPELINE_CLI, ...args], { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") {
        reject(error);
        return;
      }
      resolve({ exitCode: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** A pipeline command started in the background, with the output it has printed so far. */
export interface StartedPipeline {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited, with its exit code, or the signal that ended it. */
  exited: Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the compiled `gcore-rotate-pipeline` without waiting for it. It runs in a session of its
 * own, so that it has no terminal whatever runs the tests, and only the signals a test sends reach it.
 */
export function startPipelineCli(args: string[], env: PipelineEnv = {}, cwd: string = repoRoot): StartedPipeline {
  const child = spawn(process.execPath, [PIPELINE_CLI, ...args], { cwd, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("close", (exitCode, signal) => resolve({ exitCode, signal }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}
