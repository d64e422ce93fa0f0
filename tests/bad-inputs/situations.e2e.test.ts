import { randomBytes } from "node:crypto";

import { describeEngineCases, type CaseRun, type CaseWorld, type EngineCase, type KnownDefect } from "./engine-case";
import { ObservationLog } from "./observations";

/** Builds valid arguments for Alice's account with a fresh new password. */
function validArgs(world: CaseWorld): Record<string, unknown> {
  return { userId: world.alice.userId, currentPassword: world.alice.password, password: world.secret("new password") };
}

function lookupFailed(userId: number, detail: string): string {
  return `Looking up Gcore user ${userId} before changing its password failed: ${detail}`;
}

function allErrors(run: CaseRun): string {
  return [...run.preview.errors, ...run.up.errors].join("\n");
}

const PREVIEW_FAILS: KnownDefect = {
  expected: "preview fails, because the setting is known before any API call",
  check: (run) => expect(run.preview.succeeded).toBe(false),
};

function namesKey(key: string): KnownDefect {
  return { expected: `message names ${key}`, check: (run) => expect(allErrors(run)).toContain(key) };
}

const NO_STACK_TRACE: KnownDefect = { expected: "no stack trace", check: (run) => expect(run.preview.printsStackTrace || run.up.printsStackTrace).toBe(false) };

const NO_OUTSIDE_CHANGE_CLAIM: KnownDefect = {
  expected: "no outside-change claim on create",
  check: (run) => expect(allErrors(run)).not.toContain("changed outside this stack"),
};

/** What the user sees when Gcore rejects the password the stack declares as the account's password. */
const WRONG_PASSWORD_MESSAGE =
  "Rotating the password of Gcore user 42 failed: Gcore does not accept currentPassword as the account's password, and the new password does not log in either, " +
  "so the password was changed outside this stack. Nothing was changed. Set currentPassword to the password the account has now " +
  "(pulumi config set --secret <key> <password>), then run pulumi up again. Do not retry before that: every wrong password counts toward Gcore's lockout.";

/** Builds a case that only `pulumi up` reveals: preview succeeds because it makes no API call. */
function upFails(name: string, input: string, message: string, extra: Partial<EngineCase> & Pick<EngineCase, "args">): EngineCase {
  return { name, input, preview: [], up: [message], changeCalls: 0, logins: 0, passwordChanged: false, ...extra };
}

/** Builds a case whose provider setting `configure` rejects, which fails preview and up alike. */
function settingRejected(name: string, input: string, message: string, extra: Partial<EngineCase>): EngineCase {
  return { name, input, args: validArgs, preview: [message], up: [message], changeCalls: 0, logins: 0, passwordChanged: false, ...extra };
}

const CASES: EngineCase[] = [
  upFails(
    "unknown user id",
    "userId: 999 (no such user)",
    lookupFailed(
      999,
      "Gcore found nothing at GET /iam/users/999 (404): User not found. Check the user id and the base URL. Nothing was changed. " +
        "Check that userId 999 is the id of an existing Gcore user that the API token can see.",
    ),
    { args: (world) => ({ ...validArgs(world), userId: 999 }) },
  ),
  {
    name: "wrong current password",
    input: "currentPassword: not the account's password",
    args: (world) => ({ ...validArgs(world), currentPassword: world.secret("wrong current password") }),
    preview: [],
    up: [WRONG_PASSWORD_MESSAGE],
    changeCalls: 1,
    logins: 1,
    passwordChanged: false,
    note:
      "The change call is what reveals the wrong password, and one log-in with the new password then rules out an earlier change. " +
      'On a first `pulumi up`, "changed outside this stack" is a guess: a mistyped currentPassword gives the same answers.',
    defects: [NO_OUTSIDE_CHANGE_CLAIM],
  },
  {
    name: "adopt with a wrong password",
    input: "adopt: true, password and currentPassword: not the account's password",
    args: (world) => {
      const wrong = world.secret("wrong adopted password");
      return { ...validArgs(world), adopt: true, currentPassword: wrong, password: wrong };
    },
    preview: [],
    up: [WRONG_PASSWORD_MESSAGE],
    changeCalls: 0,
    logins: 1,
    passwordChanged: false,
    note:
      "Adoption confirms the password with one log-in and sends no change call. The message is the one for a rejected change, " +
      "so it claims an outside change, and it does not mention adopt.",
    defects: [NO_OUTSIDE_CHANGE_CLAIM],
  },
  upFails(
    "wrong API key",
    "gcore:apiKey: a well-formed token Gcore does not know",
    lookupFailed(
      42,
      "Gcore rejected the credentials for GET /iam/users/42 (401): Authentication credentials were not provided. " +
        "Check that the API key (apiKey or GCORE_API_KEY) is correct and not revoked. Nothing was changed. " +
        "Set gcore:apiKey (pulumi config set --secret gcore:apiKey <token>) or GCORE_API_KEY to a valid permanent API token of this user.",
    ),
    {
      config: (world) => ({ "gcore:apiKey": world.secret("unknown API key", `${world.alice.userId}_${randomBytes(20).toString("hex")}`) }),
      args: validArgs,
      note:
        'Two next steps, and the first names the client option apiKey. "Authentication credentials were not provided." is the emulator\'s answer ' +
        "to an unknown token, taken from Django REST framework.",
      defects: [{ expected: "one next step, in stack config terms", check: (run) => expect(allErrors(run)).not.toContain("(apiKey or GCORE_API_KEY)") }],
    },
  ),
  upFails(
    "missing API key",
    "gcore:apiKey and GCORE_API_KEY unset",
    lookupFailed(
      42,
      "GET /iam/users/42 needs credentials, but none are set. Set GCORE_API_KEY or pass apiKey (or accessToken) to GcoreIamClient. Nothing was changed. " +
        "In a stack, set the API token with the resource's apiKey or gcore:apiKey (pulumi config set --secret gcore:apiKey <token>) and the endpoint with gcore:baseUrl.",
    ),
    {
      config: () => ({ "gcore:apiKey": undefined }),
      args: validArgs,
      note: "Two next steps, and the first is written for users of the client library (GcoreIamClient). Only `pulumi up` finds the problem.",
      defects: [PREVIEW_FAILS, { expected: "no advice for client-library users", check: (run) => expect(allErrors(run)).not.toContain("GcoreIamClient") }],
    },
  ),
  {
    name: "API key of another user",
    input: "gcore:apiKey: Bob's token, userId: Alice's id",
    config: (world) => ({ "gcore:apiKey": world.bob.apiKey }),
    args: validArgs,
    preview: [],
    up: [
      "Rotating the password of Gcore user 42 failed: Gcore denied PUT /iam/users/42/password (403): You do not have permission to perform this action. " +
        "Use credentials that are allowed to make this call. Nothing was changed. Gcore lets an API token change only its own user's password, " +
        "so check that userId 42 is right and use that user's token (the resource's apiKey, else gcore:apiKey).",
    ],
    changeCalls: 1,
    logins: 0,
    passwordChanged: false,
    note: "The change call is what reveals the mismatch: the lookup before it succeeds, because Bob may read users of his own client.",
  },
  upFails("base URL not a URL", 'gcore:baseUrl: "not a url"', 'baseUrl "not a url" is not a valid URL. Set it to an absolute http(s) URL such as "https://api.gcore.com".', {
    config: () => ({ "gcore:baseUrl": "not a url" }),
    args: validArgs,
    note: "Names the client option baseUrl rather than gcore:baseUrl, lacks \"Nothing was changed.\", and only `pulumi up` finds it.",
    defects: [PREVIEW_FAILS, namesKey("gcore:baseUrl")],
  }),
  upFails(
    "base URL with ftp scheme",
    'gcore:baseUrl: "ftp://127.0.0.1:21"',
    'baseUrl "ftp://127.0.0.1:21" uses ftp, but the client supports only http and https. Set it to a URL such as "https://api.gcore.com".',
    { config: () => ({ "gcore:baseUrl": "ftp://127.0.0.1:21" }), args: validArgs, defects: [PREVIEW_FAILS, namesKey("gcore:baseUrl")] },
  ),
  upFails(
    "base URL plain http to a remote host",
    'gcore:baseUrl: "http://192.0.2.1"',
    'baseUrl "http://192.0.2.1" uses plain http to a host other than loopback, which would send credentials unencrypted. ' +
      "Use https, or pass allowInsecureHttp: true if the network is trusted.",
    {
      config: () => ({ "gcore:baseUrl": "http://192.0.2.1" }),
      args: validArgs,
      note: "No connection is attempted (the connection guard in the provider process saw none). The advice to pass allowInsecureHttp cannot be followed: the provider has no such setting.",
      defects: [PREVIEW_FAILS, { expected: "no advice the provider cannot follow", check: (run) => expect(allErrors(run)).not.toContain("allowInsecureHttp") }],
    },
  ),
  upFails(
    "base URL with credentials",
    'gcore:baseUrl: "http://alice:<password>@127.0.0.1:<port>"',
    'baseUrl "http://[REDACTED]@127.0.0.1:<emulator port>" contains user info. Remove it from the URL and pass credentials as apiKey or accessToken.',
    {
      config: (world) => ({ "gcore:baseUrl": world.emulatorUrl.replace("//", `//alice:${world.secret("URL password")}@`) }),
      args: validArgs,
      note: "The user info is redacted. The advice names the client options apiKey and accessToken; a stack sets gcore:apiKey.",
      defects: [PREVIEW_FAILS, namesKey("gcore:apiKey")],
    },
  ),
  upFails(
    "base URL with credentials containing @",
    'gcore:baseUrl: "http://alice:<first>@<second>@127.0.0.1:<port>"',
    'baseUrl "http://[REDACTED]@<leaked: URL password after its @>@127.0.0.1:<emulator port>" contains user info. Remove it from the URL and pass credentials as apiKey or accessToken.',
    {
      config: (world) => ({
        "gcore:baseUrl": world.emulatorUrl.replace("//", `//alice:${world.secret("URL password before its @")}@${world.secret("URL password after its @")}@`),
      }),
      args: validArgs,
      knownLeak: true,
      note: "Leak: the redaction of URL user info stops at the first @, so the part of the password after it is printed.",
    },
  ),
  upFails("API key in gcore:baseUrl", "gcore:baseUrl and gcore:apiKey swapped", 'baseUrl "<leaked: Alice\'s API key>" is not a valid URL. Set it to an absolute http(s) URL such as "https://api.gcore.com".', {
    config: (world) => ({ "gcore:baseUrl": world.alice.apiKey, "gcore:apiKey": world.emulatorUrl }),
    args: validArgs,
    knownLeak: true,
    note: "Leak: a value that does not parse as a URL is quoted in full, and here it is the API key.",
  }),
  upFails(
    "base URL with an extra path",
    'gcore:baseUrl: "http://127.0.0.1:<port>/iam"',
    lookupFailed(
      42,
      "Gcore found nothing at GET /iam/users/42 (404): Not found. Check the user id and the base URL. Nothing was changed. " +
        "Check that userId 42 is the id of an existing Gcore user that the API token can see.",
    ),
    {
      config: (world) => ({ "gcore:baseUrl": `${world.emulatorUrl}/iam` }),
      args: validArgs,
      note: "The request went to /iam/iam/users/42, but the message shows the path below the base URL, and the closing advice points at userId only.",
      defects: [namesKey("gcore:baseUrl")],
    },
  ),
  upFails(
    "unreachable host",
    'gcore:baseUrl: "http://127.0.0.1:<closed port>"',
    lookupFailed(
      42,
      "GET /iam/users/42 failed: the connection was refused (ECONNREFUSED). Check the base URL and that the server is running. Nothing was changed. " +
        "Check gcore:baseUrl (or GCORE_BASE_URL) and the network, then run pulumi up again.",
    ),
    { config: (world) => ({ "gcore:baseUrl": world.closedPortUrl }), args: validArgs },
  ),
  settingRejected(
    "maxConcurrentRequests not a number",
    'gcore:maxConcurrentRequests: "abc"',
    'gcore:maxConcurrentRequests "abc" is not a positive integer. Set it to a whole number such as 8, or remove it.',
    {
      config: () => ({ "gcore:maxConcurrentRequests": "abc" }),
      note:
        "Because configure throws, the engine also prints `Error: <message>: Error: <message>` and a JavaScript stack trace of the provider " +
        "under the stack resource.",
      defects: [NO_STACK_TRACE],
    },
  ),
  settingRejected(
    "requestTimeoutMs zero",
    'gcore:requestTimeoutMs: "0"',
    'gcore:requestTimeoutMs "0" is not a positive integer. Set it to a whole number such as 8, or remove it.',
    {
      config: () => ({ "gcore:requestTimeoutMs": "0" }),
      note: "Printed with a stack trace, as above, and the example value 8 would be 8 milliseconds.",
      defects: [NO_STACK_TRACE, { expected: "example fits milliseconds", check: (run) => expect(allErrors(run)).not.toContain("such as 8,") }],
    },
  ),
  settingRejected(
    "verifyOnRefresh not a boolean",
    'gcore:verifyOnRefresh: "yes"',
    'gcore:verifyOnRefresh "yes" is not a boolean. Set it to true or false, or remove it.',
    { config: () => ({ "gcore:verifyOnRefresh": "yes" }), note: "Printed with a stack trace, as above.", defects: [NO_STACK_TRACE] },
  ),
  upFails(
    "requestTimeoutMs above the timer limit",
    'gcore:requestTimeoutMs: "99999999999"',
    "timeoutMs 99999999999 is invalid. Set it to a number of milliseconds between 1 and 2147483647, or leave it unset for 30000.",
    {
      config: () => ({ "gcore:requestTimeoutMs": "99999999999" }),
      args: validArgs,
      note: "The provider accepts the value and the client rejects it at the first API call, naming its own option timeoutMs.",
      defects: [PREVIEW_FAILS, namesKey("gcore:requestTimeoutMs")],
    },
  ),
  upFails(
    "API key with its scheme",
    'gcore:apiKey: "APIKey <token>"',
    'apiKey starts with an authorization scheme. Set it to the bare token: the client adds "APIKey " or "Bearer " itself.',
    {
      config: (world) => ({ "gcore:apiKey": `APIKey ${world.alice.apiKey}` }),
      args: validArgs,
      note: "Names the client option apiKey, and only `pulumi up` finds it.",
      defects: [PREVIEW_FAILS, namesKey("gcore:apiKey")],
    },
  ),
];

describeEngineCases("bad situations through preview and up", CASES, new ObservationLog("situations", "Credentials, settings and the Gcore account", CASES.map((testCase) => testCase.name)));
