import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..");
const committedDir = path.join(repoRoot, "docs", "api");

/** Returns the relative paths of the files under `dir`, sorted. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe("API reference in docs/api", () => {
  let generatedDir: string;

  beforeAll(() => {
    generatedDir = fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-api-"));
    execFileSync(process.execPath, [path.join(repoRoot, "node_modules", "typedoc", "bin", "typedoc"), "--out", generatedDir, "--logLevel", "Error"], { cwd: repoRoot, stdio: "pipe" });
  }, 120_000);

  afterAll(() => {
    fs.rmSync(generatedDir, { recursive: true, force: true });
  });

  test("has the generated files", () => {
    expect(filesUnder(committedDir)).toEqual(filesUnder(generatedDir));
  });

  test("matches the doc comments", () => {
    // After a change to a public doc comment or type, run `npm run docs` and commit docs/api.
    for (const file of filesUnder(generatedDir)) {
      expect({ file, text: fs.readFileSync(path.join(committedDir, file), "utf8") }).toEqual({ file, text: fs.readFileSync(path.join(generatedDir, file), "utf8") });
    }
  });
});
