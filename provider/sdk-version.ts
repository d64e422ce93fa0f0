/**
 * The oldest `@pulumi/pulumi` that runs `UserPassword` correctly. Before 3.139.0 the dynamic-provider
 * host never calls `configure`, so the stack's `gcore:*` settings would be silently ignored and
 * requests would go wherever the environment points.
 */
export const MINIMUM_PULUMI_SDK = "3.139.0";

/** Returns whether `version` (major.minor.patch, any suffix ignored) is at least `minimum`. */
export function isAtLeast(version: string, minimum: string): boolean {
  const parse = (text: string): number[] => text.split(/[-+]/)[0].split(".").map((part) => Number.parseInt(part, 10) || 0);
  const [have, need] = [parse(version), parse(minimum)];
  for (let index = 0; index < 3; index++) {
    if ((have[index] ?? 0) !== (need[index] ?? 0)) {
      return (have[index] ?? 0) > (need[index] ?? 0);
    }
  }
  return true;
}

/** Throws when the loaded `@pulumi/pulumi` is older than `MINIMUM_PULUMI_SDK`, with the command that fixes it. */
export function requireSupportedSdk(version: string = loadedSdkVersion()): void {
  if (!isAtLeast(version, MINIMUM_PULUMI_SDK)) {
    throw new Error(
      `gcore-rotate needs @pulumi/pulumi ${MINIMUM_PULUMI_SDK} or newer, but this project loads ${version}, ` +
        `which would ignore the stack's gcore:* settings. Run npm install @pulumi/pulumi@^${MINIMUM_PULUMI_SDK} in the project.`,
    );
  }
}

function loadedSdkVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("@pulumi/pulumi/package.json") as { version: string }).version;
}
