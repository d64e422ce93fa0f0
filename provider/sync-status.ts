/** The `syncStatus` output when the stored password logged in at the last check, or no check has run. */
export const IN_SYNC = "in sync";

/** The `syncStatus` output after a refresh found that the stored password no longer logs in. */
export const OUT_OF_SYNC =
  "out of sync: the stored password no longer logs in because it was changed outside Pulumi. " +
  "Set currentPassword to the account's password and run pulumi up.";

/** Tells whether a `syncStatus` value records drift. */
export function isOutOfSync(syncStatus: unknown): boolean {
  return typeof syncStatus === "string" && syncStatus.startsWith("out of sync");
}

/** Builds the error message for an operation that would send the stored password after drift was detected. */
export function driftRefusalMessage(userId: number): string {
  return (
    `Refusing to change the password of Gcore user ${userId}: a refresh found that the password stored in state no longer logs in, ` +
    "so Gcore would reject it and count a failed attempt toward its lockout. Set currentPassword to the password the account has now " +
    "(pulumi config set --secret <key> <password>), then run pulumi up; it changes the password from that value, or only confirms it " +
    "when password and currentPassword are equal."
  );
}
