/**
 * The main job: rotates a password twice with a real Pulumi stack against the local Gcore emulator.
 *
 * Steps: start the emulator with a demo user, create a stack in a temporary `file://` backend,
 * `pulumi up` (create: the password changes from the seeded one), `pulumi up` with a new password
 * (rotation), print the stack outputs with secrets masked, show which password logs in, and clean up.
 */
import { randomBytes } from "node:crypto";
import * as path from "node:path";

import { createLocalStack } from "../automation/local-stack";
import { DEMO_SEED, startEmulator } from "../emulator";
import { GcoreIamClient } from "../sdk";

const repoRoot = path.resolve(__dirname, "..", "..");

async function main(): Promise<void> {
  const emulator = await startEmulator({ seed: DEMO_SEED });
  const demoUser = DEMO_SEED.users[0];
  const apiToken = DEMO_SEED.apiTokens?.find((token) => token.userId === demoUser.id)?.token;
  if (!apiToken) {
    throw new Error("The demo seed has no API token for its user.");
  }
  step(`Started the Gcore IAM emulator at ${emulator.url} with user ${demoUser.id} (${demoUser.email}).`);

  const firstPassword = newPassword();
  const rotatedPassword = newPassword();
  const local = await createLocalStack({
    projectName: "gcore-rotate",
    stackName: `demo-${randomBytes(4).toString("hex")}`,
    program: require("../index"),
    workDir: repoRoot,
  });
  step(`Created stack ${local.stack.name} in the temporary backend file://${local.backendDir}.`);

  // Ctrl-C would otherwise leave the stack's config file and the temporary backend behind.
  process.once("SIGINT", () => {
    console.error("\nInterrupted: removing the demo stack and its temporary backend.");
    void local.remove().finally(() => emulator.close()).finally(() => process.exit(130));
  });

  try {
    const stack = local.stack;
    await stack.setAllConfig({
      "gcore:baseUrl": { value: emulator.url },
      "gcore:apiKey": { value: apiToken, secret: true },
      "gcore-rotate:userId": { value: String(demoUser.id) },
      "gcore-rotate:currentPassword": { value: demoUser.password, secret: true },
      "gcore-rotate:password": { value: firstPassword, secret: true },
    });

    step("pulumi up: create the UserPassword (changes the seeded password to a new one)");
    await stack.up({ onOutput: print, color: "never" });

    step("pulumi up: rotate (the password config value changed)");
    await stack.setConfig("gcore-rotate:password", { value: rotatedPassword, secret: true });
    await stack.up({ onOutput: print, color: "never" });

    step("Stack outputs (secrets masked):");
    for (const [key, output] of Object.entries(await stack.outputs())) {
      console.log(`  ${key.padEnd(22)} ${output.secret ? "[secret]" : String(output.value)}`);
    }

    step("Which password logs in on the emulator now:");
    const client = new GcoreIamClient({ baseUrl: emulator.url });
    for (const [label, password] of [["seeded password", demoUser.password], ["first new password", firstPassword], ["rotated password", rotatedPassword]] as const) {
      console.log(`  ${label.padEnd(20)} ${(await logsIn(client, demoUser.email, password)) ? "logs in" : "rejected"}`);
    }

    const counts = emulator.requestCounts();
    step(`Password change calls the emulator received: ${counts["PUT /iam/users/{userId}/password"] ?? 0}.`);

    step("pulumi destroy: removes the resource from the stack; the account keeps its password.");
    await stack.destroy({ onOutput: print, color: "never" });
  } finally {
    await local.remove();
    await emulator.close();
    step("Cleaned up the stack, the temporary backend and the emulator.");
  }
}

async function logsIn(client: GcoreIamClient, email: string, password: string): Promise<boolean> {
  try {
    await client.logIn({ username: email, password });
    return true;
  } catch {
    return false;
  }
}

function newPassword(): string {
  return `Rot-${randomBytes(12).toString("base64url")}-9`;
}

function step(text: string): void {
  console.log(`\n==> ${text}`);
}

function print(text: string): void {
  process.stdout.write(text);
}

main().catch((error: unknown) => {
  console.error(`\nThe demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
