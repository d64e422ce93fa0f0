import type { Stack } from "@pulumi/pulumi/automation";

/** The key Pulumi uses to mark a secret value in exported state. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/**
 * Reads the outputs of the first resource of a type from a stack's state, with secrets decrypted
 * and unwrapped to their plain values.
 */
export async function resourceOutputs(stack: Stack, type: string): Promise<Record<string, unknown> | undefined> {
  const state = await stack.exportStack();
  const resources = (state.deployment?.resources ?? []) as Array<{ type: string; outputs?: Record<string, unknown> }>;
  const outputs = resources.find((resource) => resource.type === type)?.outputs;
  if (outputs === undefined) {
    return undefined;
  }
  return Object.fromEntries(Object.entries(outputs).map(([key, value]) => [key, unwrapSecret(value)]));
}

/** The type token of the UserPassword resource. */
export const USER_PASSWORD_TYPE = "pulumi-nodejs:dynamic/gcore:UserPassword";

function unwrapSecret(value: unknown): unknown {
  if (typeof value === "object" && value !== null && SECRET_SIGNATURE in value && "plaintext" in value) {
    return JSON.parse(String((value as { plaintext: unknown }).plaintext));
  }
  return value;
}
