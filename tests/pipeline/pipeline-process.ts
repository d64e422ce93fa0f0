import { execFile } from "node:child_process";
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

/** Runs the compiled `gcore-rotate-pipeline` with arguments and extra environment variables, and waits for it to exit. */
export function runPipelineCli(args: string[], env: Record<string, string> = {}, cwd: string = repoRoot): Promise<PipelineRun> {
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
