import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..", "..");

/** The tarball that `npm pack` made, with the figures it reported. */
export interface PackedPackage {
  /** The copy of the working tree that was packed, with its built dist/. */
  sourceDir: string;
  /** Absolute path of the `.tgz` file. */
  tarball: string;
  /** Size of the tarball in bytes. */
  size: number;
  /** Size of the unpacked files in bytes. */
  unpackedSize: number;
  /** Paths of the packed files, relative to the package root. */
  files: string[];
}

/**
 * Packs the working tree with `npm pack`, from a copy in `workRoot` that has no dist/ folder.
 *
 * Packing a copy proves that `npm pack` builds the package itself, and it never rebuilds the
 * repository's dist/, which other tests load at the same time through the self-link. The copy contains
 * the files git tracks or would track (uncommitted changes included) and a node_modules of links to
 * the repository's dependencies, without the self-link.
 */
export function packWorkingTree(workRoot: string): PackedPackage {
  const sourceDir = path.join(workRoot, "source");
  copyWorkingTree(sourceDir);
  linkDependencies(sourceDir);

  return runNpmPack(sourceDir, workRoot, []);
}

/**
 * Packs the copy that `packWorkingTree` built again under `version`, without building, and with a
 * comment appended to every compiled file: a stand-in for a newer release whose code differs.
 */
export function packAsNewerVersion(packed: PackedPackage, version: string): PackedPackage {
  execFileSync("npm", ["pkg", "set", `version=${version}`], { cwd: packed.sourceDir, env: withoutNpmSettings(process.env) });
  for (const file of listFiles(path.join(packed.sourceDir, "dist")).filter((name) => name.endsWith(".js"))) {
    fs.appendFileSync(file, `\n// Changed in ${version}.\n`);
  }

  return runNpmPack(packed.sourceDir, path.dirname(packed.tarball), ["--ignore-scripts"]);
}

/** Returns the paths of every file under `dir`. */
export function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function runNpmPack(sourceDir: string, destination: string, extraArgs: string[]): PackedPackage {
  // Foreground scripts put the build's output (compiler errors included) before the JSON report.
  let output: string;
  try {
    output = execFileSync("npm", ["pack", "--json", "--foreground-scripts", "--pack-destination", destination, ...extraArgs], {
      cwd: sourceDir,
      env: withoutNpmSettings(process.env),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm pack failed in a copy of the working tree:\n${stdout ?? ""}\n${stderr ?? String(error)}`);
  }
  const report = output.slice(output.search(/^\[$/m));
  const [result] = JSON.parse(report) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>;

  return {
    sourceDir,
    tarball: path.join(destination, result.filename),
    size: result.size,
    unpackedSize: result.unpackedSize,
    files: result.files.map((file) => file.path).sort(),
  };
}

function copyWorkingTree(targetDir: string): void {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repoRoot, encoding: "utf8" });
  for (const relative of listed.split("\0").filter(Boolean)) {
    const source = path.join(repoRoot, relative);
    // A tracked file deleted in the working tree is not part of what `npm pack` would see.
    if (!fs.existsSync(source) || !fs.lstatSync(source).isFile()) {
      continue;
    }
    const target = path.join(targetDir, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(source, target);
  }
}

/**
 * Gives the copy the repository's dependencies (TypeScript and the type packages the build needs)
 * through one link per top-level entry. The self-link is left out, because the `prepare` script
 * would otherwise replace the repository's link with one to the copy.
 */
function linkDependencies(sourceDir: string): void {
  const repoModules = path.join(repoRoot, "node_modules");
  const copyModules = path.join(sourceDir, "node_modules");
  fs.mkdirSync(copyModules);
  for (const entry of fs.readdirSync(repoModules)) {
    if (entry !== "gcore-rotate") {
      fs.symlinkSync(path.join(repoModules, entry), path.join(copyModules, entry));
    }
  }
}

/** Drops the `npm_*` variables that `npx` sets for jest, so the nested npm reads only its own settings. */
export function withoutNpmSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.toLowerCase().startsWith("npm_")));
}
