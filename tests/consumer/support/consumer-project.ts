import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";

import { withoutNpmSettings } from "./package-tarball";

const execFileAsync = promisify(execFile);
const fixturesDir = path.resolve(__dirname, "..", "fixtures");
const examplesDir = path.resolve(__dirname, "..", "..", "..", "examples");

/** The `@pulumi/pulumi` version the consumer projects install; GCORE_ROTATE_CONSUMER_PULUMI_VERSION overrides the pinned one. */
export const CONSUMER_PULUMI_VERSION = process.env.GCORE_ROTATE_CONSUMER_PULUMI_VERSION ?? (require("@pulumi/pulumi/package.json").version as string);

/** The language a consumer project is written in. */
export type ConsumerLanguage = "javascript" | "typescript";

/** A user's Pulumi project in a temporary folder, with the packed gcore-rotate installed. */
export interface ConsumerProject {
  language: ConsumerLanguage;
  /** The project folder, which is also the Pulumi project name's source (`consumer-js` or `consumer-ts`). */
  dir: string;
  /** The program module the driver loads, relative to `dir`. */
  program: string;
}

/** The driver's scenarios; fixtures/driver.js describes each. */
export type DriverScenario = "lifecycle" | "create" | "after-upgrade";

/** What the driver reports about the UserPassword resources in a stack's state. */
export interface StateReport {
  userPasswordCount: number;
  serializedProviders: string[];
}

/** What the `lifecycle` scenario reports after create, rotation and destroy. */
export interface LifecycleReport {
  resolved: { packageFolder: string; runtime: string; pulumi: string; pulumiFromPackage: string; dynamicProviderHost: string };
  create: { resourceChanges: Record<string, number>; firstPasswordSet: boolean; outputKeys: string[] };
  rotation: { resourceChanges: Record<string, number>; rotatedPasswordLogsIn: boolean; firstPasswordLogsIn: boolean };
  state: StateReport & { storedText: string; plaintextPasswords: string[]; plaintextApiKey: boolean };
  destroy: { resourceChanges: Record<string, number>; rotatedPasswordKept: boolean };
  passwordChangeRequests: number;
}

/** What the `create` scenario reports. */
export interface CreateReport {
  packageVersion: string;
  resourceChanges: Record<string, number>;
  state: StateReport;
}

/** What the `after-upgrade` scenario reports. */
export interface AfterUpgradeReport {
  packageVersion: string;
  previewChanges: Record<string, number>;
  resourceChanges: Record<string, number>;
  state: StateReport;
  destroyChanges: Record<string, number>;
}

/**
 * Creates a consumer project in `workRoot/name` from the fixtures and runs `npm install` there with the
 * tarball and `@pulumi/pulumi` (default `CONSUMER_PULUMI_VERSION`), preferring the npm cache. The TypeScript project also gets the
 * repository's TypeScript and `@types/node` versions, which the npm cache contains after `npm ci`.
 */
export async function createConsumerProject(
  workRoot: string,
  language: ConsumerLanguage,
  tarball: string,
  name = language === "javascript" ? "consumer-js" : "consumer-ts",
  pulumiVersion = CONSUMER_PULUMI_VERSION,
): Promise<ConsumerProject> {
  const dir = path.join(workRoot, name);
  const fixture = language === "javascript" ? "js-project" : "ts-project";
  fs.mkdirSync(dir);
  fs.cpSync(path.join(fixturesDir, fixture), dir, { recursive: true });
  fs.copyFileSync(path.join(fixturesDir, "driver.js"), path.join(dir, "driver.js"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);

  const manifest = {
    name,
    version: "1.0.0",
    private: true,
    dependencies: { "@pulumi/pulumi": pulumiVersion, "gcore-rotate": `file:${tarball}` },
    devDependencies:
      language === "typescript"
        ? { typescript: installedVersion("typescript"), "@types/node": installedVersion("@types/node") }
        : {},
  };
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);

  const project: ConsumerProject = { language, dir, program: language === "javascript" ? "./program.js" : "./bin/index.js" };
  await npmInstall(project, []);

  return project;
}

/** Installs another tarball of gcore-rotate into the project, as `npm install <file>` does for an upgrade. */
export async function installTarball(project: ConsumerProject, tarball: string): Promise<void> {
  await npmInstall(project, [`file:${tarball}`]);
}

async function npmInstall(project: ConsumerProject, packages: string[]): Promise<void> {
  try {
    await execFileAsync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...packages], {
      cwd: project.dir,
      env: withoutNpmSettings(process.env),
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`npm install failed in ${project.dir}:\n${stderr ?? String(error)}`);
  }
}

/** Compiles the TypeScript project with its own `tsc`, adding `extraArgs`; throws with the compiler's output on errors. */
export function compileProject(project: ConsumerProject, extraArgs: string[] = [], configFile = "tsconfig.json"): void {
  try {
    execFileSync(process.execPath, [path.join("node_modules", "typescript", "bin", "tsc"), "-p", configFile, ...extraArgs], {
      cwd: project.dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "" },
    });
  } catch (error) {
    const { stdout } = error as { stdout?: string };
    throw new Error(`tsc -p ${configFile} ${extraArgs.join(" ")} failed in ${project.dir}:\n${stdout ?? String(error)}`);
  }
}

/**
 * Copies each example program (examples/NAME/index.ts in the repository) into the project and
 * type-checks them with the project's compiler settings, so their `gcore-rotate` imports resolve to
 * the installed package. Returns the copied paths, relative to the project.
 */
export function compileExamples(project: ConsumerProject): string[] {
  const examples = fs
    .readdirSync(examplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(examplesDir, entry.name, "index.ts")))
    .map((entry) => path.posix.join("examples", entry.name, "index.ts"));
  for (const example of examples) {
    fs.mkdirSync(path.dirname(path.join(project.dir, example)), { recursive: true });
    fs.copyFileSync(path.join(examplesDir, "..", example), path.join(project.dir, example));
  }
  const config = { extends: "./tsconfig.json", compilerOptions: { noEmit: true }, files: examples };
  fs.writeFileSync(path.join(project.dir, "tsconfig.examples.json"), `${JSON.stringify(config, null, 2)}\n`);

  compileProject(project, [], "tsconfig.examples.json");
  return examples;
}

/** Creates a folder for the driver's HOME, PULUMI_HOME and `file://` backend next to the project. */
export function createStateFolder(project: ConsumerProject): string {
  const stateDir = fs.mkdtempSync(path.join(path.dirname(project.dir), `${path.basename(project.dir)}-state-`));
  fs.mkdirSync(path.join(stateDir, "backend"));
  return stateDir;
}

/**
 * Runs the driver with `node` in the project folder and a clean environment: only PATH (the Pulumi
 * CLI's folder and Node.js), HOME and PULUMI_HOME in `stateDir`, the `file://` backend in
 * `stateDir`, a passphrase and `extraEnv`. NODE_PATH and every other variable of the test process
 * are left out. Runs that share `stateDir` share the stack.
 */
export async function runDriver<Report>(
  project: ConsumerProject,
  pulumiBinDir: string,
  scenario: DriverScenario,
  stateDir: string,
  extraEnv: Record<string, string> = {},
): Promise<Report> {
  const env = {
    PATH: [pulumiBinDir, path.dirname(process.execPath), "/usr/bin", "/bin"].join(path.delimiter),
    HOME: stateDir,
    PULUMI_HOME: path.join(stateDir, ".pulumi"),
    PULUMI_BACKEND_URL: `file://${path.join(stateDir, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: "consumer-test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...extraEnv,
  };

  try {
    const { stdout } = await execFileAsync(process.execPath, ["driver.js", project.program, scenario], { cwd: project.dir, env, maxBuffer: 64 * 1024 * 1024 });
    const lines = stdout.trim().split("\n");
    return JSON.parse(lines[lines.length - 1]) as Report;
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`The driver's ${scenario} scenario failed in ${project.dir}:\n${stderr ?? String(error)}`);
  }
}

/** Returns the version of a package installed in the repository's node_modules. */
function installedVersion(name: string): string {
  return require(`${name}/package.json`).version as string;
}
