import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const REPOSITORY_ROOT = path.resolve(__dirname, "../..");
const COMMITTED = path.join(REPOSITORY_ROOT, "sdk/generated/contract-types.ts");

describe("generated contract types", () => {
  test("match the OpenAPI description", () => {
    const directory = mkdtempSync(path.join(tmpdir(), "contract-types-"));
    try {
      const regenerated = path.join(directory, "contract-types.ts");
      // The package exports no "bin/cli.js" subpath, so the CLI is found from the package folder.
      const cli = path.join(path.dirname(require.resolve("openapi-typescript/package.json")), "bin/cli.js");
      execFileSync(process.execPath, [cli, "contract/gcore-iam.openapi.yaml", "--output", regenerated], { cwd: REPOSITORY_ROOT, stdio: "pipe" });

      const committed = readFileSync(COMMITTED, "utf8");
      const fresh = readFileSync(regenerated, "utf8");

      // On a mismatch, run `npm run contract:types` and commit sdk/generated/contract-types.ts.
      expect(committed).toBe(fresh);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
