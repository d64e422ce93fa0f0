import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { locatePulumiCli, pulumiBinFolder } from "../../automation/pulumi-cli";
import { CHANGE_ROUTE, canaryPassword, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import {
  compileExamples,
  compileProject,
  createConsumerProject,
  createStateFolder,
  installTarball,
  runDriver,
  type AfterUpgradeReport,
  type ConsumerProject,
  type CreateReport,
  type LifecycleReport,
} from "./support/consumer-project";
import { listFiles, packAsNewerVersion, packWorkingTree, type PackedPackage } from "./support/package-tarball";
import { MINIMUM_PULUMI_SDK } from "../../provider/sdk-version";

/**
 * The package as users get it: packed with `npm pack`, installed with `npm install` into fresh
 * JavaScript and TypeScript Pulumi projects outside the repository, and run through the real
 * Pulumi engine from there. Nothing in these projects can reach the repository's folders.
 */

const repoRoot = path.resolve(__dirname, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
/** The key Pulumi uses to mark an encrypted secret value in state. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";
/** The specifier the serialized `UserPassword` provider requires in the provider process. */
const RUNTIME_SPECIFIER = "gcore-rotate/provider/runtime";
/**
 * A tripwire for files packed by mistake, about two and a half times the 0.1.0 tarball (100 kB).
 * NOTE: an estimate, not a budget anyone agreed on; raise it when the package grows on purpose.
 */
const MAX_TARBALL_BYTES = 250_000;

let workRoot: string;
let packed: PackedPackage;
let javascriptProject: ConsumerProject;
let typescriptProject: ConsumerProject;
let pulumiBinDir: string;

beforeAll(async () => {
  workRoot = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-consumer-")));
  if (!path.relative(repoRoot, workRoot).startsWith("..")) {
    throw new Error(`The temporary folder ${workRoot} is inside the repository, so module resolution could reach it. Point TMPDIR elsewhere.`);
  }
  pulumiBinDir = pulumiBinFolder(await locatePulumiCli());

  packed = packWorkingTree(workRoot);
  [javascriptProject, typescriptProject] = await Promise.all([
    createConsumerProject(workRoot, "javascript", packed.tarball),
    createConsumerProject(workRoot, "typescript", packed.tarball),
  ]);
});

afterAll(() => {
  if (workRoot) {
    fs.rmSync(workRoot, { recursive: true, force: true });
  }
});

describe("packed tarball", () => {
  test("ships compiled files and docs only", () => {
    console.info(`npm pack: ${path.basename(packed.tarball)}, ${packed.size} bytes packed, ${packed.unpackedSize} bytes unpacked, ${packed.files.length} files`);
    const unexpected = packed.files.filter((file) => !isShippable(file));

    expect(unexpected).toEqual([]);
    expect(packed.files).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE", "CHANGELOG.md", "emulator/README.md", "docs/emulator.md", "docs/api/provider.md"]));
    expect(packed.size).toBeLessThan(MAX_TARBALL_BYTES);
  });

  test("contains every file the manifest names", () => {
    const named = [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {}), ...exportTargets(manifest.exports), ...typesVersionTargets(manifest.typesVersions)];

    const missing = named.map((target) => path.posix.normalize(String(target))).filter((target) => !packed.files.includes(target));

    expect(missing).toEqual([]);
  });

  test("installs without a second @pulumi/pulumi", () => {
    for (const project of [javascriptProject, typescriptProject]) {
      const nested = path.join(project.dir, "node_modules", "gcore-rotate", "node_modules", "@pulumi");
      expect(fs.existsSync(nested)).toBe(false);
      expect(fs.lstatSync(path.join(project.dir, "node_modules", "gcore-rotate")).isSymbolicLink()).toBe(false);
    }
  });

  test("installed files name no build folder", () => {
    const installed = path.join(javascriptProject.dir, "node_modules", "gcore-rotate");
    const buildFolders = [repoRoot, path.join(workRoot, "source")];

    const offending = listFiles(installed).filter((file) => buildFolders.some((folder) => fs.readFileSync(file, "utf8").includes(folder)));

    expect(offending).toEqual([]);
  });

  test("exports resolve and deep paths do not", () => {
    const resolved = resolveInProject(javascriptProject, ["gcore-rotate", "gcore-rotate/provider", RUNTIME_SPECIFIER, "gcore-rotate/sdk", "gcore-rotate/emulator", "gcore-rotate/dist/provider/runtime.js"]);
    const installed = path.join(javascriptProject.dir, "node_modules", "gcore-rotate");

    expect(resolved["gcore-rotate"]).toBe(path.join(installed, "dist", "provider", "index.js"));
    expect(resolved[RUNTIME_SPECIFIER]).toBe(path.join(installed, "dist", "provider", "runtime.js"));
    expect(resolved["gcore-rotate/sdk"]).toBe(path.join(installed, "dist", "sdk", "index.js"));
    expect(resolved["gcore-rotate/emulator"]).toBe(path.join(installed, "dist", "emulator", "index.js"));
    expect(resolved["gcore-rotate/dist/provider/runtime.js"]).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  test("every runtime a provider requires is exported", () => {
    const installed = path.join(javascriptProject.dir, "node_modules", "gcore-rotate");
    const specifiers = new Set<string>();
    for (const file of listFiles(path.join(installed, "dist")).filter((name) => name.endsWith(".js"))) {
      for (const match of fs.readFileSync(file, "utf8").matchAll(/require\("(gcore-rotate\/[^"]+)"\)/g)) {
        specifiers.add(match[1]);
      }
    }

    const resolved = resolveInProject(javascriptProject, [...specifiers]);

    expect([...specifiers]).toContain(RUNTIME_SPECIFIER);
    for (const specifier of specifiers) {
      expect({ specifier, file: resolved[specifier] }).toEqual({ specifier, file: expect.stringContaining(installed) });
    }
  });

  test.each(Object.keys(manifest.bin ?? {}))("command %s prints its help", (command) => {
    const help = execFileSync(path.join(javascriptProject.dir, "node_modules", ".bin", command), ["--help"], {
      cwd: javascriptProject.dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "" },
    });

    expect(help).toContain("--help");
  });
});

describe("javascript project", () => {
  let report: LifecycleReport;

  beforeAll(async () => {
    report = await runDriver<LifecycleReport>(javascriptProject, pulumiBinDir, "lifecycle", createStateFolder(javascriptProject));
  });

  expectEngineRun(() => report, () => javascriptProject);
});

describe("javascript project on the oldest supported SDK", () => {
  let project: ConsumerProject;
  let report: LifecycleReport;

  beforeAll(async () => {
    project = await createConsumerProject(workRoot, "javascript", packed.tarball, "consumer-js-oldest", MINIMUM_PULUMI_SDK);
    report = await runDriver<LifecycleReport>(project, pulumiBinDir, "lifecycle", createStateFolder(project));
  });

  test("installs the oldest version of the peer range", () => {
    const installed = JSON.parse(fs.readFileSync(path.join(project.dir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"));

    expect(installed.version).toBe(MINIMUM_PULUMI_SDK);
    expect(manifest.peerDependencies["@pulumi/pulumi"]).toBe(`^${MINIMUM_PULUMI_SDK}`);
  });

  expectEngineRun(() => report, () => project);
});

describe("typescript project", () => {
  let report: LifecycleReport;

  beforeAll(async () => {
    compileProject(typescriptProject);
    report = await runDriver<LifecycleReport>(typescriptProject, pulumiBinDir, "lifecycle", createStateFolder(typescriptProject));
  });

  test("compiles with node16 module resolution", () => {
    expect(() => compileProject(typescriptProject, ["--noEmit", "--module", "node16", "--moduleResolution", "node16"])).not.toThrow();
  });

  test("compiles the examples against the package", () => {
    const examples = compileExamples(typescriptProject);

    expect(examples.length).toBeGreaterThan(0);
  });

  expectEngineRun(() => report, () => typescriptProject);
});

describe("upgrade to a newer package", () => {
  const NEWER_VERSION = "0.1.1-upgrade-test";
  let gcore: TestEmulator;
  let created: CreateReport;
  let upgraded: AfterUpgradeReport;
  let changesBeforeUpgrade: number;

  beforeAll(async () => {
    // The emulator runs in this process, so it keeps the account's password while the project's
    // package is replaced. The project reaches it over HTTP, as it would reach the real API.
    gcore = await startTestEmulator();
    const project = await createConsumerProject(workRoot, "javascript", packed.tarball, "consumer-upgrade");
    const stateDir = createStateFolder(project);
    const account = {
      GCORE_TEST_BASE_URL: gcore.emulator.url,
      GCORE_TEST_API_KEY: gcore.alice.apiKey,
      GCORE_TEST_USER_ID: String(gcore.alice.userId),
      GCORE_TEST_CURRENT_PASSWORD: gcore.alice.startPassword,
      GCORE_TEST_PASSWORD: canaryPassword("upgrade"),
    };

    created = await runDriver<CreateReport>(project, pulumiBinDir, "create", stateDir, account);
    changesBeforeUpgrade = gcore.emulator.requestCounts()[CHANGE_ROUTE] ?? 0;
    await installTarball(project, packAsNewerVersion(packed, NEWER_VERSION).tarball);
    upgraded = await runDriver<AfterUpgradeReport>(project, pulumiBinDir, "after-upgrade", stateDir, account);
  });

  afterAll(async () => {
    await gcore?.emulator.close();
  });

  test("runs the newer package", () => {
    expect(created.packageVersion).toBe(manifest.version);
    expect(created.resourceChanges.create).toBe(2);
    expect(upgraded.packageVersion).toBe(NEWER_VERSION);
  });

  test("keeps the serialized provider", () => {
    expect(upgraded.state.serializedProviders).toEqual(created.state.serializedProviders);
  });

  test("preview shows no change", () => {
    expect(upgraded.previewChanges.same).toBe(2);
    expect(upgraded.previewChanges.update ?? 0).toBe(0);
    expect(upgraded.previewChanges.replace ?? 0).toBe(0);
  });

  test("update sends no password change", () => {
    expect(upgraded.resourceChanges.update ?? 0).toBe(0);
    expect(gcore.emulator.requestCounts()[CHANGE_ROUTE] ?? 0).toBe(changesBeforeUpgrade);
  });

  test("destroy runs after upgrade", () => {
    expect(upgraded.destroyChanges.delete).toBe(2);
  });
});

/** Declares the checks of one lifecycle run: create, rotation, state and destroy. */
function expectEngineRun(getReport: () => LifecycleReport, getProject: () => ConsumerProject): void {
  test("loads every module from the project", () => {
    const { resolved } = getReport();
    const modules = path.join(getProject().dir, "node_modules");

    for (const file of Object.values(resolved)) {
      expect(file.startsWith(`${modules}${path.sep}`)).toBe(true);
    }
    expect(resolved.pulumiFromPackage).toBe(resolved.pulumi);
  });

  test("create changes the password", () => {
    const { create } = getReport();

    expect(create.resourceChanges.create).toBe(2);
    expect(create.firstPasswordSet).toBe(true);
    expect(create.outputKeys).toEqual(["accessToken", "rotatedAt", "userId"]);
  });

  test("new password rotates it", () => {
    const { rotation } = getReport();

    expect(rotation.resourceChanges.update).toBe(1);
    expect(rotation.rotatedPasswordLogsIn).toBe(true);
    expect(rotation.firstPasswordLogsIn).toBe(false);
  });

  test("state requires the runtime by name", () => {
    const { state } = getReport();

    expect(state.userPasswordCount).toBe(1);
    expect(state.serializedProviders.length).toBeGreaterThan(0);
    for (const provider of state.serializedProviders) {
      expect(provider).toContain(`require("${RUNTIME_SPECIFIER}")`);
      expect(provider).not.toContain(repoRoot);
      expect(provider).not.toContain(workRoot);
    }
    expect(state.storedText).not.toContain(repoRoot);
  });

  test("state stores secrets encrypted", () => {
    const { state } = getReport();

    expect(state.storedText).toContain(SECRET_SIGNATURE);
    expect(state.plaintextPasswords).toEqual([]);
    expect(state.plaintextApiKey).toBe(false);
  });

  test("destroy keeps the password", () => {
    const report = getReport();

    expect(report.destroy.resourceChanges.delete).toBe(2);
    expect(report.destroy.rotatedPasswordKept).toBe(true);
    expect(report.passwordChangeRequests).toBe(2);
  });
}

/** Returns whether a packed file belongs in the package: compiled code, declarations, the manifest or the docs. */
function isShippable(file: string): boolean {
  if (["package.json", "README.md", "LICENSE", "CHANGELOG.md", "emulator/README.md"].includes(file)) {
    return true;
  }
  // The guides and the API reference that README.md links to.
  if (/^docs\/(api\/)?[\w.-]+\.md$/.test(file)) {
    return true;
  }
  const compiled = /^dist\/.+\.(js|d\.ts)$/.test(file);
  const devOnly = /^dist\/(scripts\/|index\.)/.test(file);
  return compiled && !devOnly;
}

/** Collects the file paths of an `exports` map, conditions included. */
function exportTargets(exportsField: unknown): string[] {
  if (typeof exportsField === "string") {
    return [exportsField];
  }
  if (exportsField && typeof exportsField === "object") {
    return Object.values(exportsField).flatMap(exportTargets);
  }
  return [];
}

function typesVersionTargets(typesVersions: Record<string, Record<string, string[]>> | undefined): string[] {
  return Object.values(typesVersions ?? {}).flatMap((mapping) => Object.values(mapping).flat());
}

/** Resolves specifiers with `node` in the project folder; a specifier that fails maps to its error code. */
function resolveInProject(project: ConsumerProject, specifiers: string[]): Record<string, string> {
  const script = [
    "const resolved = {};",
    "for (const specifier of JSON.parse(process.argv[1])) {",
    "  try { resolved[specifier] = require.resolve(specifier); } catch (error) { resolved[specifier] = error.code; }",
    "}",
    "process.stdout.write(JSON.stringify(resolved));",
  ].join("\n");
  const output = execFileSync(process.execPath, ["-e", script, JSON.stringify(specifiers)], {
    cwd: project.dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "" },
  });
  return JSON.parse(output) as Record<string, string>;
}
