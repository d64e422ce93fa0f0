import { CommandError } from "@pulumi/pulumi/automation";

import { describePassphraseError, describeStackSelectError } from "../../automation/pipeline/setup-errors";

/** Builds the error that the Automation API throws for a failed CLI call with this stderr. */
function cliFailure(stderr: string): CommandError {
  // The declared constructor is internal. At run time it takes the command result, whose text is the message.
  return new CommandError(`code: -2\n stdout: \n stderr: Command failed with exit code 1: pulumi preview\n${stderr}\n err?: Error: Command failed\n`);
}

describe("describePassphraseError", () => {
  test.each([
    [
      "wrong variable",
      "error: getting stack configuration: get stack secrets manager: incorrect passphrase",
      { PULUMI_CONFIG_PASSPHRASE: "Canary-passphrase-1" },
      "The passphrase in PULUMI_CONFIG_PASSPHRASE is wrong for stack prod, because the Pulumi CLI cannot decrypt the stack's secrets with it.",
    ],
    [
      "wrong file",
      "error: incorrect passphrase",
      { PULUMI_CONFIG_PASSPHRASE_FILE: "/run/secrets/passphrase" },
      "The passphrase in the file in PULUMI_CONFIG_PASSPHRASE_FILE is wrong for stack prod",
    ],
    [
      "missing",
      "error: get stack secrets manager: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables",
      {},
      "The passphrase of stack prod is missing. Set PULUMI_CONFIG_PASSPHRASE, or PULUMI_CONFIG_PASSPHRASE_FILE to a file that contains it.",
    ],
    [
      "unreadable file",
      "error: unable to read PULUMI_CONFIG_PASSPHRASE_FILE: open /run/secrets/passphrase: no such file or directory",
      { PULUMI_CONFIG_PASSPHRASE_FILE: "/run/secrets/passphrase" },
      'PULUMI_CONFIG_PASSPHRASE_FILE "/run/secrets/passphrase" cannot be read.',
    ],
  ])("%s passphrase", (_case, stderr, env, message) => {
    const described = describePassphraseError(cliFailure(stderr), "prod", env);

    expect(described).toContain(message);
    expect(described).not.toContain("Canary-passphrase-1");
  });

  test.each([
    ["other CLI failure", cliFailure("error: update failed")],
    ["plain error", new Error("incorrect passphrase")],
  ])("skips %s", (_case, error) => {
    expect(describePassphraseError(error, "prod", {})).toBeUndefined();
  });
});

describe("describeStackSelectError", () => {
  test.each([
    ["acme/prod", "error: organization name must be 'organization'", "--stack \"acme/prod\" is invalid: organization name must be 'organization'."],
    [
      "organization/gcore/na me",
      "error: a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character ' ' at position 2",
      "is invalid: a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character ' ' at position 2.",
    ],
  ])("stack %s is invalid", (stack, stderr, message) => {
    expect(describeStackSelectError(cliFailure(stderr), stack)).toContain(message);
  });

  test("skips a backend failure", () => {
    expect(describeStackSelectError(cliFailure("error: failed to load checkpoint: blob (key \".pulumi/stacks/prod.json\") (code=Unknown)"), "prod")).toBeUndefined();
  });
});
