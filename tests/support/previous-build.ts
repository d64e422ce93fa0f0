import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..");
/** The file a finished build leaves in its folder, so a later run reuses the build. */
const COMPLETE_MARKER = ".gcore-rotate-build-complete";
/** Time limit of each build step. `npm ci` on a cold npm cache is the slow one. */
const STEP_TIMEOUT_MS = 5 * 60 * 1000;

/** A package build of an earlier commit of this repository. */
export interface PreviousBuild {
  /** The full commit id. */
  commit: string;
  /** The package root: package.json, dist/ and its own node_modules. */
  root: string;
}

/**
 * Returns the full id of a commit of this repository, or undefined when the history does not
 * contain it, as in a shallow clone or a source archive without `.git`.
 */
export function findCommit(commit: string): string | undefined {
  const result = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${commit}^{commit}`], { cwd: repoRoot, encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Builds the package as it was at a commit, in a folder under the system temporary directory that
 * later runs reuse: exports the commit's files with `git archive`, installs its locked dependencies
 * with `npm ci --prefer-offline`, and compiles it.
 *
 * The build's `@pulumi/pulumi` is then replaced by a link to this repository's copy. A program that
 * imports the old `UserPassword` runs inside the test process, and the Pulumi SDK keeps its
 * connection to the engine in module state, so both versions must load the same SDK instance.
 */
export function buildPreviousVersion(commit: string): PreviousBuild {
  const fullCommit = findCommit(commit);
  if (fullCommit === undefined) {
    throw new Error(`Commit ${commit} is not in this repository's history. Fetch the full history (git fetch --unshallow) and run the test again.`);
  }
  const root = path.join(os.tmpdir(), `gcore-rotate-build-${fullCommit.slice(0, 12)}`);
  if (fs.existsSync(path.join(root, COMPLETE_MARKER))) {
    // A cached build may come from another checkout, so its SDK link is pointed at this one again.
    linkSdk(root);
    return { commit: fullCommit, root };
  }

  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const archive = run("git", ["archive", "--format=tar", fullCommit], { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 });
  run("tar", ["-x", "-C", root], { input: archive });
  run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: root });
  run(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: root });

  linkSdk(root);

  fs.writeFileSync(path.join(root, COMPLETE_MARKER), `${fullCommit}\n`);
  return { commit: fullCommit, root };
}

/** Replaces the build's `@pulumi/pulumi` with a link to this checkout's copy. */
function linkSdk(root: string): void {
  const sdkLink = path.join(root, "node_modules", "@pulumi", "pulumi");
  fs.rmSync(sdkLink, { recursive: true, force: true });
  fs.symlinkSync(path.join(repoRoot, "node_modules", "@pulumi", "pulumi"), sdkLink, "dir");
}

/** Runs a build step and returns its standard output. A failed step throws with the step's own output. */
function run(command: string, args: string[], options: SpawnSyncOptions): Buffer {
  const result = spawnSync(command, args, { timeout: STEP_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    const output = `${result.stdout?.toString() ?? ""}\n${result.stderr?.toString() ?? ""}`.trim().slice(-4000);
    const reason = result.error?.message ?? `exit status ${result.status ?? result.signal}`;
    throw new Error(`Building the previous version failed at "${command} ${args.join(" ")}" (${reason}):\n${output}`);
  }
  return result.stdout as Buffer;
}
