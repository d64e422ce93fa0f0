import { describeRequestFailure, describeRotationFailure, type FailureSubject } from "../../provider/failures";
import type { Observation } from "../../provider/rotation/decide";
import { RotationFailedError } from "../../provider/rotation/protocol";
import { GcoreAuthenticationError, GcoreNotFoundError, GcorePermissionError, GcoreResponseError } from "../../sdk";

const STACK_KEY: FailureSubject = { userId: 42, apiKeySetting: "gcore:apiKey" };
const ATTEMPT = "Looking up Gcore user 42 failed";

const oldRejected: Observation = { call: "change", outcome: { kind: "old-rejected" } };
const loginRejected: Observation = { call: "login", outcome: { kind: "rejected" } };

describe("describeRequestFailure", () => {
  test.each<[string, FailureSubject, Error, string]>([
    [
      "401 with the stack key",
      STACK_KEY,
      new GcoreAuthenticationError("Gcore rejected the credentials for GET /iam/users/42 (401).", { status: 401, hint: "Check that the API key (apiKey or GCORE_API_KEY) is correct." }),
      `${ATTEMPT}: Gcore rejected the credentials for GET /iam/users/42 (401). Nothing was changed. ` +
        "Set gcore:apiKey (pulumi config set --secret gcore:apiKey <token>) to a valid permanent API token of this user.",
    ],
    [
      "401 with the resource's key",
      { userId: 42, apiKeySetting: "apiKey" },
      new GcoreAuthenticationError("Gcore rejected the credentials for GET /iam/users/42 (401).", { status: 401, hint: "Check the key." }),
      `${ATTEMPT}: Gcore rejected the credentials for GET /iam/users/42 (401). Nothing was changed. Set the resource's apiKey to a valid permanent API token of this user.`,
    ],
    [
      "403 for a locked user",
      STACK_KEY,
      new GcorePermissionError("Gcore denied PUT /iam/users/42/password (403): User is locked after too many failed attempts.", {
        status: 403,
        detail: "User is locked after too many failed attempts.",
        hint: "Use credentials that are allowed to make this call.",
      }),
      `${ATTEMPT}: Gcore denied PUT /iam/users/42/password (403): User is locked after too many failed attempts. Nothing was changed. ` +
        "Gcore says the account is locked, so no password or API token works until it is unlocked. Wait for the lock to end, " +
        "or ask an administrator of the Gcore account to unlock the user, then run pulumi up again.",
    ],
    [
      "404",
      STACK_KEY,
      new GcoreNotFoundError("Gcore found nothing at GET /iam/users/42 (404): Not found.", { status: 404, hint: "Check the user id and the base URL." }),
      `${ATTEMPT}: Gcore found nothing at GET /iam/users/42 (404): Not found. Nothing was changed. ` +
        "Check that userId 42 is the id of an existing Gcore user that the API token can see, or that gcore:baseUrl is the API root.",
    ],
    [
      "status without a provider step keeps the client's",
      STACK_KEY,
      new GcoreResponseError("Gcore returned an unexpected status for GET /iam/users/42 (302).", { status: 302, hint: "Check the base URL." }),
      `${ATTEMPT}: Gcore returned an unexpected status for GET /iam/users/42 (302). Nothing was changed. Check the base URL.`,
    ],
  ])("%s", (_case, subject, error, message) => {
    expect(describeRequestFailure(ATTEMPT, subject, error).message).toBe(message);
  });
});

describe("describeRotationFailure when neither password works", () => {
  const failure = (observations: Observation[]): RotationFailedError => new RotationFailedError("neither-password-works", observations);

  test("currentPassword rejected is not called an outside change", () => {
    const message = describeRotationFailure(STACK_KEY, "currentPassword", failure([oldRejected, loginRejected])).message;

    expect(message).toContain("so currentPassword is not the account's password.");
    expect(message).not.toContain("outside this stack");
  });

  test("stored password rejected is an outside change", () => {
    const message = describeRotationFailure(STACK_KEY, "the password stored in state", failure([oldRejected, loginRejected])).message;

    expect(message).toContain("so the password was changed outside this stack.");
  });

  test("rejected confirmation names password and adopt", () => {
    const message = describeRotationFailure(STACK_KEY, "currentPassword", failure([loginRejected])).message;

    expect(message).toContain("a log-in with it failed, so currentPassword is not the account's password.");
    expect(message).toContain("adopt: true");
    expect(message).not.toContain("outside this stack");
  });
});
