import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The benchmark's build folder (`bench/.build`), which contains the compiled sdk, provider, emulator and bench. */
const BUILD_DIR = path.resolve(__dirname, "..");
/** The repository root, whose node_modules provides @pulumi/pulumi, axios and the other dependencies. */
const REPO_ROOT = path.resolve(BUILD_DIR, "..", "..");

/**
 * The module names the serialized providers `require` in the dynamic-provider process, mapped to
 * files of the benchmark's build. The build folder becomes the project's `gcore-rotate` package, so
 * the engine runs the code this benchmark compiled, not whatever `dist/` contains at the time.
 */
const PACKAGE_JSON = {
  name: "gcore-rotate-bench-build",
  private: true,
  exports: {
    "./provider/runtime": "./provider/runtime.js",
    "./bench/noop-runtime": "./bench/noop/runtime.js",
  },
};

/**
 * Creates a temporary Pulumi project folder. Its node_modules links every package of the
 * repository's node_modules, so the engine's `pulumi-resource-pulumi-nodejs` launcher finds
 * @pulumi/pulumi, and links `gcore-rotate` to the benchmark's build.
 */
export function createProjectFolder(projectName: string): string {
  fs.writeFileSync(path.join(BUILD_DIR, "package.json"), `${JSON.stringify(PACKAGE_JSON, null, 2)}\n`);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-bench-project-"));
  fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), `name: ${projectName}\nruntime: nodejs\n`);

  const modulesDir = path.join(workDir, "node_modules");
  fs.mkdirSync(modulesDir);
  const repoModules = path.join(REPO_ROOT, "node_modules");
  for (const entry of fs.readdirSync(repoModules)) {
    if (entry !== "gcore-rotate") {
      fs.symlinkSync(path.join(repoModules, entry), path.join(modulesDir, entry));
    }
  }
  fs.symlinkSync(BUILD_DIR, path.join(modulesDir, "gcore-rotate"), "dir");

  return workDir;
}
