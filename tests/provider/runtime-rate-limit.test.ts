import { UserPasswordRuntime } from "../../provider/runtime";
import { configRequest } from "./support/config-request";
import type { UserPasswordInputs } from "../../provider/inputs";
import { canaryPassword, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import { waitFor } from "../support/processes";

/** The Retry-After of the emulator's 429 responses in these tests, in seconds. */
const RETRY_AFTER_SECONDS = 2;

/** A request line of the emulator's log with the time it was written. */
interface TimedLine {
  at: number;
  line: string;
}

describe("UserPasswordRuntime under a rate limit", () => {
  let gcore: TestEmulator;
  let lines: TimedLine[];

  beforeEach(async () => {
    lines = [];
    gcore = await startTestEmulator({ log: (line) => lines.push({ at: Date.now(), line }) });
  });

  afterEach(async () => {
    await gcore?.emulator.close();
  });

  test("user lookup 429 pauses others", async () => {
    const runtime = new UserPasswordRuntime();
    await runtime.configure(configRequest({ "gcore:baseUrl": gcore.emulator.url }));
    gcore.emulator.faults.set("get-user", { rateLimitNext: { count: 1, retryAfterSeconds: RETRY_AFTER_SECONDS } });
    const inputsOf = (account: TestEmulator["alice"]) =>
      ({ userId: account.userId, apiKey: account.apiKey, currentPassword: account.startPassword, password: canaryPassword("next") }) as UserPasswordInputs;

    // Alice's lookup starts first and gets the 429, and Bob's resource starts while the pause is in effect.
    const alice = runtime.create(inputsOf(gcore.alice));
    await waitFor(() => lines.some((entry) => / 429 /.test(entry.line)), 10_000, "the first 429");
    const bob = runtime.create(inputsOf(gcore.bob));
    await Promise.all([alice, bob]);

    const limited = lines.find((entry) => / 429 /.test(entry.line))!;
    const later = lines.filter((entry) => entry.at > limited.at);
    expect(later.length).toBeGreaterThanOrEqual(4);
    // No request, Alice's retry included, reaches the emulator before the Retry-After time has passed.
    expect(Math.min(...later.map((entry) => entry.at)) - limited.at).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000 - 50);
  });
});

