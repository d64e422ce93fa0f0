import * as fs from "node:fs";
import * as path from "node:path";

/** The example folders that are Pulumi projects with a TypeScript program. */
const PROJECT_EXAMPLES = ["rotate-one-user", "staggered-users"];

const examplesDir = path.resolve(__dirname, "..", "..", "examples");

/** Returns the package names that a program imports, without node: built-ins and relative paths. */
function importedPackages(program: string): string[] {
  const specifiers = [...program.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
  const packages = specifiers.filter((specifier) => !specifier.startsWith(".") && !specifier.startsWith("node:"));

  return packages.map((specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/"));
}

describe.each(PROJECT_EXAMPLES)("examples/%s/package.json", (example) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(examplesDir, example, "package.json"), "utf8")) as {
    main?: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const declared = { ...manifest.dependencies, ...manifest.devDependencies };
  const program = fs.readFileSync(path.join(examplesDir, example, manifest.main ?? "index.ts"), "utf8");

  test("declares every imported package", () => {
    const imported = importedPackages(program);

    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((name) => declared[name] === undefined)).toEqual([]);
  });

  test("declares typescript for a .ts program", () => {
    // The pipeline command compiles a .ts program with the project's own typescript package.
    expect(manifest.main).toMatch(/\.ts$/);
    expect(declared.typescript).toBeDefined();
  });

  test("pins the tested Pulumi SDK", () => {
    const root = JSON.parse(fs.readFileSync(path.join(examplesDir, "..", "package.json"), "utf8")) as { devDependencies: Record<string, string> };

    expect(declared["@pulumi/pulumi"]).toBe(root.devDependencies["@pulumi/pulumi"]);
  });
});
