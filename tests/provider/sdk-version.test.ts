import * as fs from "node:fs";
import * as path from "node:path";

import { isAtLeast, MINIMUM_PULUMI_SDK, requireSupportedSdk } from "../../provider/sdk-version";

describe("Pulumi SDK version check", () => {
  test.each([
    ["3.139.0", true],
    ["3.276.0", true],
    ["4.0.0", true],
    ["3.139.1-alpha.1", true],
    ["3.138.9", false],
    ["3.99.0", false],
    ["2.99.0", false],
  ])("%s meets the minimum: %s", (version, expected) => {
    expect(isAtLeast(version, MINIMUM_PULUMI_SDK)).toBe(expected);
  });

  test("older SDK raises with the fix", () => {
    expect(() => requireSupportedSdk("3.138.0")).toThrow(
      "gcore-rotate needs @pulumi/pulumi 3.139.0 or newer, but this project loads 3.138.0, which would ignore the stack's gcore:* settings. " +
        "Run npm install @pulumi/pulumi@^3.139.0 in the project.",
    );
  });

  test("installed SDK passes", () => {
    expect(() => requireSupportedSdk()).not.toThrow();
  });

  test("minimum matches the peer range", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { peerDependencies: Record<string, string> };

    expect(manifest.peerDependencies["@pulumi/pulumi"]).toBe(`^${MINIMUM_PULUMI_SDK}`);
  });
});
