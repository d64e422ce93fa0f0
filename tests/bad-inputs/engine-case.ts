import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { UserPassword, type UserPasswordArgs } from "../../provider";
import { findClosedPort } from "../support/closed-port";
import type { RunningEmulator } from "../../emulator";
import { CHANGE_ROUTE, canaryPassword, startTestEmulator, type TestEmulator } from "../support/emulator-fixture";
import { createTestStack, type TestStack } from "../support/test-stack";
import { runEngine, type EngineRun } from "./engine-run";
import type { Observation, ObservationLog } from "./observations";

/** The route key the emulator counts log-ins under. */
export const LOGIN_ROUTE = "POST /iam/auth/jwt/login";

/** The provider settings a case may set. Every case starts from the emulator's URL and Alice's API key. */
const PROVIDER_KEYS = ["gcore:baseUrl", "gcore:apiKey", "gcore:maxConcurrentRequests", "gcore:requestTimeoutMs", "gcore:verifyOnRefresh"] as const;

/** The name of the one resource each case declares. */
const RESOURCE_NAME = "account";

/** An emulator account, with the password the account has now. */
export interface CaseAccount {
  userId: number;
  email: string;
  password: string;
  apiKey: string;
}

/** The accounts, addresses and secrets a case can use. */
export interface CaseWorld {
  emulatorUrl: string;
  /** A loopback URL whose port nothing listens on. */
  closedPortUrl: string;
  alice: CaseAccount;
  bob: CaseAccount;
  /** Registers a secret for the leak check and returns it. Without a value, it creates a new canary password. */
  secret(label: string, value?: string): string;
}

/** A known defect: the behaviour expected once it is fixed, checked by a `test.failing` until then. */
export interface KnownDefect {
  expected: string;
  check(run: CaseRun): void;
}

/** One bad input or bad situation, run through `pulumi preview` and then `pulumi up`. */
export interface EngineCase {
  name: string;
  /** The input as docs/bad-inputs.md shows it. */
  input: string;
  /** Provider settings that differ from the defaults. An undefined value removes the setting. */
  config?(world: CaseWorld): Partial<Record<(typeof PROVIDER_KEYS)[number], string | undefined>>;
  /** The arguments of the `UserPassword` resource. */
  args(world: CaseWorld): Record<string, unknown>;
  /**
   * Puts the emulator in the case's situation before preview, such as a locked account, and returns
   * what undoes it after up. Requests made here are not counted.
   */
  arrange?(emulator: RunningEmulator, world: CaseWorld): Promise<() => void>;
  /** The exact error lines of `pulumi preview`, normalized. Empty when preview succeeds. */
  preview: string[];
  /** The exact error lines of `pulumi up`, normalized. Empty when up succeeds. */
  up: string[];
  changeCalls: number;
  logins: number;
  passwordChanged: boolean;
  /** Set when the output contains a secret today, which turns the leak test into a `test.failing`. */
  knownLeak?: boolean;
  defects?: KnownDefect[];
  note?: string;
}

/** What a case did: both engine runs and the emulator's view of them. */
export interface CaseRun {
  preview: EngineRun;
  up: EngineRun;
  changeCalls: number;
  logins: number;
  passwordChanged: boolean;
  /** Whether an account now has the case's `password` argument as its password. */
  newPasswordSet: boolean;
  /** Labels of the registered secrets that appear anywhere in the output of either run. */
  leaked: string[];
  /** Connections the guard in the provider process blocked, as "host:port". */
  blockedConnections: string[];
  /** Whether the connection guard was loaded in a provider process during the case. */
  guardLoaded: boolean;
}

/**
 * One emulator and one stack that run many cases in turn. The provider process runs with the
 * connection guard, so no case reaches a host other than loopback, and with GCORE_API_KEY and
 * GCORE_BASE_URL blanked, so the developer's environment cannot change a case's result.
 */
export class CaseHarness {
  private args: Record<string, unknown> | undefined;
  /** The provider settings last written to the stack, so an unchanged set costs no CLI call. */
  private appliedConfig: string | undefined;
  private readonly secrets: Array<{ label: string; value: string }> = [];

  private constructor(
    private readonly gcore: TestEmulator,
    private readonly subject: TestStack,
    private readonly guardLog: string,
    readonly world: CaseWorld,
  ) {}

  static async start(): Promise<CaseHarness> {
    const gcore = await startTestEmulator();
    const guardLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-guard-")), "connections.log");
    fs.writeFileSync(guardLog, "");

    let harness: CaseHarness | undefined;
    const program = async (): Promise<void> => {
      const args = harness?.args;
      if (args !== undefined) {
        new UserPassword(RESOURCE_NAME, args as unknown as UserPasswordArgs);
      }
    };
    const subject = await createTestStack(program, {
      GCORE_API_KEY: "",
      GCORE_BASE_URL: "",
      NODE_OPTIONS: `--require ${path.join(__dirname, "..", "support", "connection-guard.js")}`,
      CONNECTION_GUARD_LOG: guardLog,
    });

    const account = (user: TestEmulator["alice"]): CaseAccount => ({ userId: user.userId, email: user.email, password: user.startPassword, apiKey: user.apiKey });
    const world: CaseWorld = {
      emulatorUrl: gcore.emulator.url,
      closedPortUrl: `http://127.0.0.1:${await findClosedPort()}`,
      alice: account(gcore.alice),
      bob: account(gcore.bob),
      secret: (label, value) => harness!.registerSecret(label, value ?? canaryPassword(label.replace(/\W+/g, "-"))),
    };
    harness = new CaseHarness(gcore, subject, guardLog, world);
    harness.registerSecret("Alice's start password", gcore.alice.startPassword);
    harness.registerSecret("Alice's API key", gcore.alice.apiKey);
    harness.registerSecret("Bob's start password", gcore.bob.startPassword);
    harness.registerSecret("Bob's API key", gcore.bob.apiKey);
    return harness;
  }

  /** Runs a case: sets its provider settings, runs preview and up, and reads the emulator's counts. */
  async run(testCase: EngineCase): Promise<CaseRun> {
    await this.applyConfig(testCase.config?.(this.world) ?? {});
    this.args = testCase.args(this.world);
    const undo = await testCase.arrange?.(this.gcore.emulator, this.world);
    this.gcore.emulator.resetRequestCounts();
    fs.writeFileSync(this.guardLog, "");
    const accounts = [this.world.alice, this.world.bob];

    let preview: EngineRun;
    let up: EngineRun;
    try {
      preview = await runEngine(this.subject.stack, "preview");
      up = await runEngine(this.subject.stack, "up");
    } finally {
      undo?.();
    }

    const counts = this.gcore.emulator.requestCounts();
    const passwordChanged = accounts.some((account) => !this.gcore.emulator.passwordMatches(account.userId, account.password));
    const newPassword = this.args.password;
    const newPasswordSet = typeof newPassword === "string" && accounts.some((account) => this.gcore.emulator.passwordMatches(account.userId, newPassword));
    this.followPasswordChanges(accounts);
    if (up.succeeded) {
      // The next case must create its resource, not update this one. Deleting makes no API call.
      await this.subject.stack.destroy({ color: "never" });
    }

    const guardLines = fs.readFileSync(this.guardLog, "utf8").split("\n");
    const output = `${preview.output}\n${up.output}`;
    return {
      preview: this.normalizeRun(preview),
      up: this.normalizeRun(up),
      changeCalls: counts[CHANGE_ROUTE] ?? 0,
      logins: counts[LOGIN_ROUTE] ?? 0,
      passwordChanged,
      newPasswordSet,
      leaked: this.secrets.filter((secret) => output.includes(secret.value)).map((secret) => secret.label),
      blockedConnections: guardLines.filter((line) => line.startsWith("blocked ")).map((line) => line.slice("blocked ".length)),
      guardLoaded: guardLines.some((line) => line.startsWith("loaded ")),
    };
  }

  /**
   * Replaces what changes from run to run with fixed placeholders: the emulator's port, the closed
   * port, and any registered secret (as `<leaked: label>`), so messages can be compared and published.
   */
  normalize(text: string): string {
    let result = text.split(new URL(this.world.emulatorUrl).host).join("127.0.0.1:<emulator port>");
    result = result.split(new URL(this.world.closedPortUrl).host).join("127.0.0.1:<closed port>");
    for (const secret of [...this.secrets].sort((a, b) => b.value.length - a.value.length)) {
      result = result.split(secret.value).join(`<leaked: ${secret.label}>`);
    }
    return result;
  }

  async dispose(): Promise<void> {
    this.args = undefined;
    await this.subject.dispose();
    await this.gcore.emulator.close();
    fs.rmSync(path.dirname(this.guardLog), { recursive: true, force: true });
  }

  private registerSecret(label: string, value: string): string {
    this.secrets.push({ label, value });
    return value;
  }

  private normalizeRun(run: EngineRun): EngineRun {
    return { ...run, errors: run.errors.map((line) => this.normalize(line)), programErrors: run.programErrors.map((line) => this.normalize(line)) };
  }

  /** Records a password that a case's `pulumi up` set, so later cases start from the account's real password. */
  private followPasswordChanges(accounts: CaseAccount[]): void {
    const newPassword = this.args?.password;
    for (const account of accounts) {
      if (typeof newPassword === "string" && this.gcore.emulator.passwordMatches(account.userId, newPassword)) {
        account.password = newPassword;
      }
    }
  }

  private async applyConfig(overrides: Partial<Record<(typeof PROVIDER_KEYS)[number], string | undefined>>): Promise<void> {
    const settings: Record<string, string | undefined> = {
      "gcore:baseUrl": this.world.emulatorUrl,
      "gcore:apiKey": this.world.alice.apiKey,
      ...overrides,
    };
    const fingerprint = JSON.stringify(PROVIDER_KEYS.map((key) => settings[key] ?? null));
    if (fingerprint === this.appliedConfig) {
      return;
    }
    this.appliedConfig = fingerprint;

    const stack = this.subject.stack;
    const unset = PROVIDER_KEYS.filter((key) => settings[key] === undefined);
    if (unset.length > 0) {
      await stack.removeAllConfig([...unset]);
    }
    const values = Object.fromEntries(
      PROVIDER_KEYS.flatMap((key) => (settings[key] === undefined ? [] : [[key, { value: settings[key] as string, secret: key === "gcore:apiKey" }]])),
    );
    await stack.setAllConfig(values);
  }
}

/**
 * How many cases run at once. One: the Pulumi SDK keeps an inline program's engine connection in
 * module state, and concurrent inline programs in one process sometimes failed with gRPC UNAVAILABLE.
 */
const LANES = 1;

/** The time limit for running a whole table, which takes a few minutes, and far longer on a busy machine. */
const SUITE_TIMEOUT_MS = 20 * 60 * 1000;

/**
 * Declares the tests of a table of engine cases. All cases run in `beforeAll`, spread over `LANES`
 * lanes, and each case's message, calls, password and leak check are then separate tests. Every run is
 * recorded in `log`, which is written when the suite ends.
 */
export function describeEngineCases(title: string, cases: readonly EngineCase[], log: ObservationLog): void {
  describe(title, () => {
    let runs = new Map<string, CaseRun | Error>();

    beforeAll(async () => {
      runs = await runInLanes(cases, LANES);
      for (const testCase of cases) {
        const run = runs.get(testCase.name);
        if (run !== undefined && !(run instanceof Error)) {
          log.record(observationOf(testCase, run));
        }
      }
    }, SUITE_TIMEOUT_MS);

    afterAll(() => {
      log.write();
    });

    for (const testCase of cases) {
      describeCase(testCase, () => {
        const run = runs.get(testCase.name);
        if (run === undefined || run instanceof Error) {
          throw run ?? new Error(`case "${testCase.name}" did not run`);
        }
        return run;
      });
    }
  });
}

/** Runs every case once. A case that throws gets its error in place of a run. */
async function runInLanes(cases: readonly EngineCase[], laneCount: number): Promise<Map<string, CaseRun | Error>> {
  const started = await Promise.allSettled(Array.from({ length: laneCount }, () => CaseHarness.start()));
  const harnesses = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const results = new Map<string, CaseRun | Error>();

  try {
    const failedStart = started.find((result): result is PromiseRejectedResult => result.status === "rejected");
    if (failedStart !== undefined) {
      throw failedStart.reason;
    }
    await Promise.all(
      harnesses.map(async (harness, lane) => {
        for (const testCase of cases.filter((_, index) => index % laneCount === lane)) {
          const run = await harness.run(testCase).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
          results.set(testCase.name, run);
        }
      }),
    );
  } finally {
    await Promise.all(harnesses.map((harness) => harness.dispose()));
  }
  return results;
}

function describeCase(testCase: EngineCase, runOf: () => CaseRun): void {
  describe(testCase.name, () => {
    test("preview message", () => {
      expect(runOf().preview.programErrors).toEqual([]);
      expect(runOf().preview.errors).toEqual(testCase.preview);
      expect(runOf().preview.succeeded).toBe(testCase.preview.length === 0);
    });

    test("up message", () => {
      expect(runOf().up.programErrors).toEqual([]);
      expect(runOf().up.errors).toEqual(testCase.up);
      expect(runOf().up.succeeded).toBe(testCase.up.length === 0);
    });

    test("change calls", () => {
      expect(runOf().changeCalls).toBe(testCase.changeCalls);
    });

    test("log-ins", () => {
      expect(runOf().logins).toBe(testCase.logins);
    });

    test(testCase.passwordChanged ? "password changed" : "password unchanged", () => {
      expect(runOf().passwordChanged).toBe(testCase.passwordChanged);
    });

    if (testCase.passwordChanged) {
      test("new password set", () => {
        expect(runOf().newPasswordSet).toBe(true);
      });
    }

    test("no connection beyond loopback", () => {
      expect(runOf().guardLoaded).toBe(true);
      expect(runOf().blockedConnections).toEqual([]);
    });

    (testCase.knownLeak ? test.failing : test)("no secret in output", () => {
      expect(runOf().leaked).toEqual([]);
    });

    for (const defect of testCase.defects ?? []) {
      test.failing(`after fix: ${defect.expected}`, () => defect.check(runOf()));
    }
  });
}

function observationOf(testCase: EngineCase, run: CaseRun): Observation {
  return {
    case: testCase.name,
    input: testCase.input,
    ranThrough: "engine",
    previewFails: !run.preview.succeeded,
    previewMessage: run.preview.errors,
    upMessage: run.up.errors,
    printsStackTrace: run.preview.printsStackTrace || run.up.printsStackTrace,
    changeCalls: run.changeCalls,
    logins: run.logins,
    passwordChanged: run.passwordChanged,
    leaked: run.leaked,
    note: testCase.note ?? "",
    expectedAfterFix: [...(testCase.knownLeak ? ["no secret in the output"] : []), ...(testCase.defects ?? []).map((defect) => defect.expected)],
  };
}
