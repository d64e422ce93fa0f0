import { describeEngineCases, type CaseWorld, type EngineCase } from "./engine-case";
import { ObservationLog } from "./observations";

/** How the engine introduces a check failure of the one resource every case declares. */
const RESOURCE = "pulumi-nodejs:dynamic/gcore:UserPassword resource 'account'";

/** Builds valid arguments for Alice's account with a fresh new password. Each case spoils one of them. */
function validArgs(world: CaseWorld): Record<string, unknown> {
  return { userId: world.alice.userId, currentPassword: world.alice.password, password: world.secret("new password") };
}

function without(args: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _removed, ...rest } = args;
  return rest;
}

/** Formats the check failure the engine prints for one property. `value` is how the engine shows the input. */
function checkFailure(property: string, value: string, reason: string): string {
  return `${RESOURCE}: property ${property} value {${value}} has a problem: ${reason}`;
}

const NOT_POSITIVE = "is not a positive integer. Set userId to the numeric id of the Gcore user, for example 42.";
const TOO_LARGE =
  "is larger than 9007199254740991, the largest integer that can be sent exactly. Set userId to the numeric id of the Gcore user, for example 42.";
const NON_ASCII_PASSWORD = "Pässwörd-日本-🔑";

/** Builds a case whose input check rejects, identically in preview and up, so nothing reaches Gcore. */
function rejected(name: string, input: string, args: EngineCase["args"], message: string, extra: Partial<EngineCase> = {}): EngineCase {
  return { name, input, args, preview: [message], up: [message], changeCalls: 0, logins: 0, passwordChanged: false, ...extra };
}

/** Builds a case whose input is accepted: preview succeeds, and up changes the password with one call. */
function accepted(name: string, input: string, args: EngineCase["args"], note: string): EngineCase {
  return { name, input, args, preview: [], up: [], changeCalls: 1, logins: 0, passwordChanged: true, note };
}

const CASES: EngineCase[] = [
  rejected("userId missing", "userId omitted", (world) => without(validArgs(world), "userId"),
    checkFailure("userId", "<nil>", "userId is missing. Set userId to the numeric id of the Gcore user whose password this resource manages.")),
  rejected("userId 0", "userId: 0", (world) => ({ ...validArgs(world), userId: 0 }), checkFailure("userId", "0", `userId 0 ${NOT_POSITIVE}`)),
  rejected("userId negative", "userId: -5", (world) => ({ ...validArgs(world), userId: -5 }), checkFailure("userId", "-5", `userId -5 ${NOT_POSITIVE}`)),
  rejected("userId fractional", "userId: 4.5", (world) => ({ ...validArgs(world), userId: 4.5 }), checkFailure("userId", "4.5", `userId 4.5 ${NOT_POSITIVE}`)),
  rejected("userId a word", 'userId: "abc"', (world) => ({ ...validArgs(world), userId: "abc" }), checkFailure("userId", "abc", `userId (a string) ${NOT_POSITIVE}`)),
  accepted("userId numeric string", 'userId: "42"', (world) => ({ ...validArgs(world), userId: String(world.alice.userId) }),
    "Accepted: check converts the string to the number 42."),
  rejected("userId above MAX_SAFE_INTEGER", "userId: 2 ** 53 + 2", (world) => ({ ...validArgs(world), userId: 2 ** 53 + 2 }),
    checkFailure("userId", "9.007199254740994e+15", `userId 9007199254740994 ${TOO_LARGE}`), {
      note: "The engine shows the number in exponent form; the message gives its digits and the limit.",
    }),
  rejected("userId boolean", "userId: true", (world) => ({ ...validArgs(world), userId: true }), checkFailure("userId", "true", `userId true ${NOT_POSITIVE}`)),
  rejected("password missing", "password omitted", (world) => without(validArgs(world), "password"),
    checkFailure("password", "[secret]", "password is missing. Set password to a non-empty string, ideally from a secret config value.")),
  rejected("password empty", 'password: ""', (world) => ({ ...validArgs(world), password: "" }),
    checkFailure("password", "[secret]", "password is empty or only whitespace. Set password to a non-empty password.")),
  rejected("password whitespace only", 'password: "   "', (world) => ({ ...validArgs(world), password: "   " }),
    checkFailure("password", "[secret]", "password is empty or only whitespace. Set password to a non-empty password.")),
  rejected("password with trailing newline", "password read from a file with its final newline", (world) => ({ ...validArgs(world), password: `${world.secret("padded password")}\n` }),
    checkFailure("password", "[secret]", "password starts or ends with whitespace, which is often a newline read from a file by mistake. Remove the surrounding whitespace.")),
  rejected("password a number", "password: 1234", (world) => ({ ...validArgs(world), password: 1234 }),
    checkFailure("password", "[secret]", "password must be a string, but it is a number. Pass the password as a string.")),
  accepted("password of 10 000 characters", "password: 10 000 characters", (world) => ({ ...validArgs(world), password: longPassword(world, 10_000) }),
    "Accepted end to end. Gcore publishes no maximum length, and the real API was not tried; the emulator accepts request bodies up to 64 KiB."),
  {
    name: "password of 40 000 characters",
    input: "password: 40 000 characters",
    args: (world) => ({ ...validArgs(world), password: longPassword(world, 40_000) }),
    preview: [],
    up: [
      "Rotating the password of Gcore user 42 failed: Gcore returned an unexpected status for PUT /iam/users/42/password (413): " +
        "Request body is larger than the emulator's limit of 65536 bytes. Nothing was changed. Choose a shorter password, then run pulumi up again.",
    ],
    changeCalls: 1,
    logins: 0,
    passwordChanged: false,
    note:
      "The change body exceeds the emulator's 64 KiB limit, so it answers 413. A 4xx other than 408 and 429 is a refusal, so no log-in " +
      "checks a change that cannot have happened.",
  },
  accepted("password non-ASCII", `password: "${NON_ASCII_PASSWORD}"`, (world) => ({ ...validArgs(world), password: world.secret("non-ASCII password", NON_ASCII_PASSWORD) }),
    "Accepted end to end: the password is sent as UTF-8 without Unicode normalization, and the new password logs in."),
  rejected("password equal to currentPassword", "password: the value of currentPassword", (world) => ({ ...validArgs(world), password: world.alice.password }),
    checkFailure(
      "password",
      "[secret]",
      "password is equal to currentPassword, so there is nothing to change. Set password to a new value, or set adopt: true to take over the account with its present password.",
    )),
  rejected("currentPassword missing", "currentPassword omitted", (world) => without(validArgs(world), "currentPassword"),
    checkFailure("currentPassword", "[secret]", "currentPassword is missing. Set currentPassword to a non-empty string, ideally from a secret config value.")),
  rejected("currentPassword empty", 'currentPassword: ""', (world) => ({ ...validArgs(world), currentPassword: "" }),
    checkFailure("currentPassword", "[secret]", "currentPassword is empty or only whitespace. Set currentPassword to a non-empty password.")),
  rejected("adopt not a boolean", 'adopt: "yes"', (world) => ({ ...validArgs(world), adopt: "yes" }),
    checkFailure("adopt", "yes", "adopt (a string) is not a boolean. Set it to true or false, or leave it out.")),
  rejected("apiKey empty", 'apiKey: ""', (world) => ({ ...validArgs(world), apiKey: "" }),
    checkFailure("apiKey", "[secret]", "apiKey is empty or not a string. Set it to a permanent API token of this user, or leave it out to use gcore:apiKey.")),
];

/** Creates a password of `length` characters that starts with a canary, so a leak of any prefix is found. */
function longPassword(world: CaseWorld, length: number): string {
  const start = world.secret(`start of the ${length}-character password`);
  return world.secret(`${length}-character password`, start + "x".repeat(length - start.length));
}

describeEngineCases("bad resource inputs through preview and up", CASES, new ObservationLog("inputs", "Resource inputs", CASES.map((testCase) => testCase.name)));
