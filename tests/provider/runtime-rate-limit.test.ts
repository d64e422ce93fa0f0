import { UserPasswordRuntime } from "../../provider/runtime";
import type { UserPasswordInputs } from "../../provider/inputs";
import { canaryPassword, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";

/** The Retry-After the emulator sends with its 429 answers in these tests, in seconds. */
const RETRY_AFTER_SECONDS = 2;

function configFor(values: Record<string, string>): { config: { get(key: string): string | undefined; require(key: string): string } } {
  return { config: { get: (key) => values[key], require: (key) => values[key] ?? "" } };
}

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

  test("429 on a user lookup holds back other resources", async () => {
    const runtime = new UserPasswordRuntime();
    await runtime.configure(configFor({ "gcore:baseUrl": gcore.emulator.url }) as never);
    gcore.emulator.faults.set("get-user", { rateLimitNext: { count: 1, retryAfterSeconds: RETRY_AFTER_SECONDS } });
    const inputsOf = (account: TestEmulator["alice"]) =>
      ({ userId: account.userId, apiKey: account.apiKey, currentPassword: account.startPassword, password: canaryPassword("next") }) as UserPasswordInputs;

    // Alice's lookup starts first and gets the 429; Bob's resource starts while the pause is in effect.
    const alice = runtime.create(inputsOf(gcore.alice));
    await waitFor(() => lines.some((entry) => / 429 /.test(entry.line)));
    const bob = runtime.create(inputsOf(gcore.bob));
    await Promise.all([alice, bob]);

    const limited = lines.find((entry) => / 429 /.test(entry.line))!;
    const later = lines.filter((entry) => entry.at > limited.at);
    expect(later.length).toBeGreaterThanOrEqual(4);
    // No request, Alice's retry included, reaches the emulator before the Retry-After time has passed.
    expect(Math.min(...later.map((entry) => entry.at)) - limited.at).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000 - 50);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) {
      throw new Error("condition not met within 10 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
