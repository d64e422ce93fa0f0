import { CommandError } from "@pulumi/pulumi/automation";

/**
 * The Pulumi CLI's messages for a stack name that it rejects, as of Pulumi 3.276: an invalid
 * character or length, and an organization other than "organization" in a file:// backend.
 */
const INVALID_STACK_NAME = [/a stack name (may|cannot|must)[^\n]*/, /organization name must be[^\n]*/, /project names? (may|must|cannot)[^\n]*/];

/**
 * Returns the usage message for a `pulumi stack select` failure caused by the stack name, or
 * undefined for any other failure.
 */
export function describeStackSelectError(error: unknown, stack: string): string | undefined {
  if (!(error instanceof CommandError)) {
    return undefined;
  }
  for (const pattern of INVALID_STACK_NAME) {
    const reason = pattern.exec(error.message)?.[0].trim();
    if (reason) {
      return `--stack ${JSON.stringify(stack)} is invalid: ${reason}. Pass the stack name as pulumi stack ls shows it, for example --stack prod.`;
    }
  }
  return undefined;
}

/**
 * Returns the usage message for a Pulumi CLI failure caused by a missing, unreadable or wrong
 * passphrase of the stack's passphrase secrets provider, or undefined for any other failure. The
 * message names the environment variables, never their values, except the passphrase file's path.
 */
export function describePassphraseError(error: unknown, stack: string, env: NodeJS.ProcessEnv): string | undefined {
  if (!(error instanceof CommandError)) {
    return undefined;
  }
  const text = error.message;
  if (text.includes("incorrect passphrase")) {
    const source = env.PULUMI_CONFIG_PASSPHRASE !== undefined ? "PULUMI_CONFIG_PASSPHRASE" : "the file in PULUMI_CONFIG_PASSPHRASE_FILE";
    return `The passphrase in ${source} is wrong for stack ${stack}, because the Pulumi CLI cannot decrypt the stack's secrets with it. Set the passphrase that the stack was created with.`;
  }
  if (text.includes("unable to read PULUMI_CONFIG_PASSPHRASE_FILE")) {
    return `PULUMI_CONFIG_PASSPHRASE_FILE ${JSON.stringify(env.PULUMI_CONFIG_PASSPHRASE_FILE ?? "")} cannot be read. Point it at the file that contains the passphrase of stack ${stack}.`;
  }
  if (text.includes("passphrase must be set")) {
    return `The passphrase of stack ${stack} is missing. Set PULUMI_CONFIG_PASSPHRASE, or PULUMI_CONFIG_PASSPHRASE_FILE to a file that contains it.`;
  }
  return undefined;
}
