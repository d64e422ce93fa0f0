import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { PulumiCommand } from "@pulumi/pulumi/automation";

/** The Pulumi CLI version that matches the installed `@pulumi/pulumi` SDK. */
export function pinnedPulumiVersion(): string {
  return require("@pulumi/pulumi/package.json").version as string;
}

/** The folder where the official `pulumi` npm launcher and scripts/install-pulumi.sh keep a CLI version. */
export function pinnedPulumiRoot(env: NodeJS.ProcessEnv = process.env): string {
  const pulumiHome = env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi");
  return path.join(pulumiHome, "versions", pinnedPulumiVersion());
}

/**
 * Finds the Pulumi CLI to drive: a `pulumi` on PATH first, else the pinned build in `$PULUMI_HOME`.
 * Throws with the install command when neither exists.
 */
export async function locatePulumiCli(env: NodeJS.ProcessEnv = process.env): Promise<PulumiCommand> {
  const onPath = findOnPath("pulumi", env);
  if (onPath && !onPath.includes(`${path.sep}node_modules${path.sep}`)) {
    return PulumiCommand.get({ root: path.dirname(path.dirname(onPath)), skipVersionCheck: true });
  }

  const root = pinnedPulumiRoot(env);
  if (fs.existsSync(path.join(root, "bin", "pulumi"))) {
    return PulumiCommand.get({ root, version: undefined, skipVersionCheck: true });
  }

  throw new Error(
    `The Pulumi CLI was not found on PATH or in ${root}/bin. Install Pulumi ${pinnedPulumiVersion()} (https://www.pulumi.com/docs/install/), or run 'bash scripts/install-pulumi.sh' in a clone of the gcore-rotate repository.`,
  );
}

/** Returns the folder to put on PATH so the engine finds `pulumi-resource-pulumi-nodejs` beside the CLI. */
export function pulumiBinFolder(command: PulumiCommand): string {
  return path.dirname(command.command);
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { env, encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}
