import type { Stack } from "@pulumi/pulumi/automation";

/** Reads the outputs of the first resource of a type from a stack's state, with secrets decrypted. */
export async function resourceOutputs(stack: Stack, type: string): Promise<Record<string, unknown> | undefined> {
  const state = await stack.exportStack();
  const resources = (state.deployment?.resources ?? []) as Array<{ type: string; outputs?: Record<string, unknown> }>;
  return resources.find((resource) => resource.type === type)?.outputs;
}

/** The type token of the UserPassword resource. */
export const USER_PASSWORD_TYPE = "pulumi-nodejs:dynamic/gcore:UserPassword";
