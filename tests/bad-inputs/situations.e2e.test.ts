import { randomBytes } from "node:crypto";

import type { RunningEmulator } from "../../emulator";
import { describeEngineCases, type CaseWorld, type EngineCase } from "./engine-case";
import { ObservationLog } from "./observations";

/** Builds valid arguments for Alice's account with a fresh new password. */
function validArgs(world: CaseWorld): Record<string, unknown> {
  return { userId: world.alice.userId, currentPassword: world.alice.password, password: world.secret("new password") };
}

function lookupFailed(userId: number, detail: string): string {
  return `Looking up Gcore user ${userId} before changing its password failed: ${detail}`;
}

/** How the engine introduces a check failure that names no property, as settings problems do. */
const RESOURCE = "pulumi-nodejs:dynamic/gcore:UserPassword resource 'account'";

/** The next step after a base URL problem. */
const SET_BASE_URL = "Set it to the API root, such as https://api.gcore.com.";

/** The closing sentence of the messages about a password that Gcore rejects. */
const LOCKOUT_WARNING = "Do not retry before that: every wrong password counts toward Gcore's lockout.";

/** Builds a case that only `pulumi up` reveals: preview succeeds because it makes no API call. */
function upFails(name: string, input: string, message: string, extra: Partial<EngineCase> & Pick<EngineCase, "args">): EngineCase {
  return { name, input, preview: [], up: [message], changeCalls: 0, logins: 0, passwordChanged: false, ...extra };
}

/**
 * Builds a case whose provider setting `check` rejects, which fails preview and up alike with no
 * stack trace, before any API call.
 */
function settingRejected(name: string, input: string, reason: string, extra: Partial<EngineCase>): EngineCase {
  const message = `${RESOURCE} has a problem: ${reason}`;
  return { name, input, args: validArgs, preview: [message], up: [message], changeCalls: 0, logins: 0, passwordChanged: false, ...extra };
}

/** Locks Alice's account: a lockout policy of one failed attempt, then one log-in with a wrong password. */
async function lockAlice(emulator: RunningEmulator, world: CaseWorld): Promise<() => void> {
  emulator.setLockout({ maxFailedAttempts: 1 });
  const response = await fetch(`${emulator.url}/iam/auth/jwt/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: world.alice.email, password: world.secret("wrong password that locks the account") }),
  });
  expect(response.status).toBe(401);
  expect(emulator.lockedUserIds()).toEqual([world.alice.userId]);
  // Turning the policy off unlocks every user.
  return () => emulator.setLockout(undefined);
}

const CASES: EngineCase[] = [
  upFails(
    "unknown user id",
    "userId: 999 (no such user)",
    lookupFailed(
      999,
      "Gcore found nothing at GET /iam/users/999 (404): User not found. Nothing was changed. " +
        "Check that userId 999 is the id of an existing Gcore user that the API token can see, or that gcore:baseUrl is the API root.",
    ),
    { args: (world) => ({ ...validArgs(world), userId: 999 }) },
  ),
  {
    name: "wrong current password",
    input: "currentPassword: not the account's password",
    args: (world) => ({ ...validArgs(world), currentPassword: world.secret("wrong current password") }),
    preview: [],
    up: [
      "Rotating the password of Gcore user 42 failed: Gcore does not accept currentPassword as the account's password, and the new password " +
        "does not log in either, so currentPassword is not the account's password. Nothing was changed. Set currentPassword to the password " +
        `the account has now (pulumi config set --secret <key> <password>), then run pulumi up again. ${LOCKOUT_WARNING}`,
    ],
    changeCalls: 1,
    logins: 1,
    passwordChanged: false,
    note:
      "The change call is what reveals the wrong password, and one log-in with the new password then rules out an earlier change. " +
      "The message does not guess at a change outside the stack: a mistyped currentPassword gives the same answers.",
  },
  {
    name: "adopt with a wrong password",
    input: "adopt: true, password and currentPassword: not the account's password",
    args: (world) => {
      const wrong = world.secret("wrong adopted password");
      return { ...validArgs(world), adopt: true, currentPassword: wrong, password: wrong };
    },
    preview: [],
    up: [
      "Rotating the password of Gcore user 42 failed: Gcore does not accept currentPassword, which equals password, as the account's password: " +
        "a log-in with it failed, so currentPassword is not the account's password. Nothing was changed. Set currentPassword and password to the " +
        "password the account has now (pulumi config set --secret <key> <password>), then run pulumi up again: with both equal " +
        `(and adopt: true when creating), it only confirms that password. ${LOCKOUT_WARNING}`,
    ],
    changeCalls: 0,
    logins: 1,
    passwordChanged: false,
    note: "Adoption confirms the password with one log-in and sends no change call.",
  },
  upFails(
    "wrong API key",
    "gcore:apiKey: a well-formed token Gcore does not know",
    lookupFailed(
      42,
      "Gcore rejected the credentials for GET /iam/users/42 (401): Authentication credentials were not provided. Nothing was changed. " +
        "Set gcore:apiKey (pulumi config set --secret gcore:apiKey <token>) to a valid permanent API token of this user.",
    ),
    {
      config: (world) => ({ "gcore:apiKey": world.secret("unknown API key", `${world.alice.userId}_${randomBytes(20).toString("hex")}`) }),
      args: validArgs,
      note:
        "The provider's next step replaces the client's, which names client options. \"Authentication credentials were not provided.\" " +
        "is the emulator's answer to an unknown token, taken from Django REST framework.",
    },
  ),
  settingRejected(
    "missing API key",
    "gcore:apiKey and GCORE_API_KEY unset",
    "No Gcore API token is set for this resource. Set gcore:apiKey (pulumi config set --secret gcore:apiKey <token>) or GCORE_API_KEY " +
      "to a permanent API token of the user, or give the resource its own apiKey.",
    { config: () => ({ "gcore:apiKey": undefined }), note: "A resource with its own apiKey passes: only resources without one need the stack's key." },
  ),
  {
    name: "API key of another user",
    input: "gcore:apiKey: Bob's token, userId: Alice's id",
    config: (world) => ({ "gcore:apiKey": world.bob.apiKey }),
    args: validArgs,
    preview: [],
    up: [
      "Rotating the password of Gcore user 42 failed: Gcore denied PUT /iam/users/42/password (403): You do not have permission to perform this action. " +
        "Nothing was changed. Gcore lets an API token change only its own user's password, " +
        "so check that userId 42 is right and use that user's token (the resource's apiKey, else gcore:apiKey).",
    ],
    changeCalls: 1,
    logins: 0,
    passwordChanged: false,
    note: "The change call is what reveals the mismatch: the lookup before it succeeds, because Bob may read users of his own client.",
  },
  {
    name: "a locked account",
    input: "Alice's account locked after failed log-ins",
    arrange: lockAlice,
    args: validArgs,
    preview: [],
    up: [
      "Rotating the password of Gcore user 42 failed: Gcore denied PUT /iam/users/42/password (403): User is locked after too many failed attempts. " +
        "Nothing was changed. Gcore says the account is locked, so no password or API token works until it is unlocked. Wait for the lock to end, " +
        "or ask an administrator of the Gcore account to unlock the user, then run pulumi up again.",
    ],
    changeCalls: 1,
    logins: 0,
    passwordChanged: false,
    note:
      "The emulator locks after one failed log-in here. Gcore documents no lockout answer, so the provider recognizes one by the word " +
      "\"locked\" in a 403; the text is the emulator's.",
  },
  settingRejected("base URL not a URL", 'gcore:baseUrl: "not a url"', `gcore:baseUrl is not a URL. ${SET_BASE_URL}`, {
    config: () => ({ "gcore:baseUrl": "not a url" }),
    note: "A value that does not parse is never quoted, since it may be a secret pasted into the wrong key.",
  }),
  settingRejected("base URL with ftp scheme", 'gcore:baseUrl: "ftp://127.0.0.1:21"', `gcore:baseUrl is not an http or https URL. ${SET_BASE_URL}`, {
    config: () => ({ "gcore:baseUrl": "ftp://127.0.0.1:21" }),
  }),
  settingRejected(
    "base URL plain http to a remote host",
    'gcore:baseUrl: "http://192.0.2.1"',
    `gcore:baseUrl "http://192.0.2.1/" uses plain http to a host other than loopback, which would send credentials unencrypted. ${SET_BASE_URL}`,
    {
      config: () => ({ "gcore:baseUrl": "http://192.0.2.1" }),
      note: "No connection is attempted (the connection guard in the provider process saw none).",
    },
  ),
  settingRejected(
    "base URL with credentials",
    'gcore:baseUrl: "http://alice:<password>@127.0.0.1:<port>"',
    `gcore:baseUrl "http://127.0.0.1:<emulator port>/" contains user info, but credentials do not belong in a URL. ${SET_BASE_URL}`,
    {
      config: (world) => ({ "gcore:baseUrl": world.emulatorUrl.replace("//", `//alice:${world.secret("URL password")}@`) }),
      note: "The message quotes only protocol, host and path.",
    },
  ),
  settingRejected(
    "base URL with credentials containing @",
    'gcore:baseUrl: "http://alice:<first>@<second>@127.0.0.1:<port>"',
    `gcore:baseUrl "http://127.0.0.1:<emulator port>/" contains user info, but credentials do not belong in a URL. ${SET_BASE_URL}`,
    {
      config: (world) => ({
        "gcore:baseUrl": world.emulatorUrl.replace("//", `//alice:${world.secret("URL password before its @")}@${world.secret("URL password after its @")}@`),
      }),
    },
  ),
  settingRejected("API key in gcore:baseUrl", "gcore:baseUrl and gcore:apiKey swapped", `gcore:baseUrl is not a URL. ${SET_BASE_URL}`, {
    config: (world) => ({ "gcore:baseUrl": world.alice.apiKey, "gcore:apiKey": world.emulatorUrl }),
    note: "The API key in gcore:baseUrl is not quoted.",
  }),
  upFails(
    "base URL with an extra path",
    'gcore:baseUrl: "http://127.0.0.1:<port>/iam"',
    lookupFailed(
      42,
      "Gcore found nothing at GET /iam/users/42 (404): Not found. Nothing was changed. " +
        "Check that userId 42 is the id of an existing Gcore user that the API token can see, or that gcore:baseUrl is the API root.",
    ),
    {
      config: (world) => ({ "gcore:baseUrl": `${world.emulatorUrl}/iam` }),
      args: validArgs,
      note: "The request went to /iam/iam/users/42, but the message shows the path below the base URL.",
    },
  ),
  upFails(
    "unreachable host",
    'gcore:baseUrl: "http://127.0.0.1:<closed port>"',
    lookupFailed(
      42,
      "GET /iam/users/42 failed: the connection was refused (ECONNREFUSED). Nothing was changed. " +
        "Check gcore:baseUrl (or GCORE_BASE_URL) and the network, then run pulumi up again.",
    ),
    { config: (world) => ({ "gcore:baseUrl": world.closedPortUrl }), args: validArgs },
  ),
  settingRejected(
    "maxConcurrentRequests not a number",
    'gcore:maxConcurrentRequests: "abc"',
    'gcore:maxConcurrentRequests "abc" is not a positive integer. Set it to a whole number such as 8, or remove it.',
    { config: () => ({ "gcore:maxConcurrentRequests": "abc" }) },
  ),
  settingRejected(
    "requestTimeoutMs zero",
    'gcore:requestTimeoutMs: "0"',
    'gcore:requestTimeoutMs "0" is not a positive integer. Set it to a number of milliseconds such as 30000, or remove it.',
    { config: () => ({ "gcore:requestTimeoutMs": "0" }) },
  ),
  settingRejected(
    "verifyOnRefresh not a boolean",
    'gcore:verifyOnRefresh: "yes"',
    'gcore:verifyOnRefresh "yes" is not a boolean. Set it to true or false, or remove it.',
    { config: () => ({ "gcore:verifyOnRefresh": "yes" }) },
  ),
  settingRejected(
    "requestTimeoutMs above the timer limit",
    'gcore:requestTimeoutMs: "99999999999"',
    'gcore:requestTimeoutMs "99999999999" is larger than the maximum of 2147483647. Set it to a number of milliseconds such as 30000, or remove it.',
    { config: () => ({ "gcore:requestTimeoutMs": "99999999999" }), note: "2147483647 ms is the longest wait Node.js timers support." },
  ),
  settingRejected(
    "API key with its scheme",
    'gcore:apiKey: "APIKey <token>"',
    'gcore:apiKey starts with an authorization scheme. Set it to the bare token: the client adds "APIKey " or "Bearer " itself.',
    { config: (world) => ({ "gcore:apiKey": `APIKey ${world.alice.apiKey}` }) },
  ),
];

describeEngineCases("bad situations through preview and up", CASES, new ObservationLog("situations", "Credentials, settings and the Gcore account", CASES.map((testCase) => testCase.name)));
