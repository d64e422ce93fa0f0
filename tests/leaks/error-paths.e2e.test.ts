import { createServer } from "node:net";

import type { PulumiFn } from "@pulumi/pulumi/automation";

import { UserPassword } from "../../provider";
import { GcoreIamClient } from "../../sdk";
import { startAccountEmulator, unknownApiKey, type AccountEmulator } from "../support/account-emulator";
import { Canaries } from "../support/canaries";
import { canaryPassword, CHANGE_ROUTE, type TestAccount } from "../support/emulator-fixture";
import { captureEngineOutput, failureText, type EngineCapture, type OutputLevel } from "../support/engine-output";
import { createTestStack, type TestStack } from "../support/test-stack";

/** The inputs the program gives its one `UserPassword`. Each case replaces them. */
interface ProgramInputs {
  userId: unknown;
  currentPassword: unknown;
  password: unknown;
  apiKey?: unknown;
}

/** One way for `pulumi up` to fail, and a phrase of the message that shows the right path failed. */
interface FailureCase {
  name: string;
  /**
   * Provider settings for this case. `apiKey: undefined` removes the key from the stack config, and
   * `baseUrlIsSecret` stores the base URL as a secret, as a user must when it contains credentials.
   */
  settings: (context: CaseContext) => { baseUrl: string; baseUrlIsSecret?: boolean; apiKey: string | undefined };
  inputs: (context: CaseContext) => ProgramInputs;
  expectedMessage: RegExp;
}

interface CaseContext {
  alice: TestAccount;
  bob: TestAccount;
  emulatorUrl: string;
  closedPortUrl: string;
  canaries: Canaries;
}

/** Inputs that are valid for alice, with a fresh canary as the new password. */
const validInputs = ({ alice, canaries }: CaseContext): ProgramInputs => ({
  userId: alice.userId,
  currentPassword: alice.startPassword,
  password: canaries.add("new password", canaryPassword("new")),
});
const aliceSettings = ({ alice, emulatorUrl }: CaseContext) => ({ baseUrl: emulatorUrl, apiKey: alice.apiKey });

const CASES: FailureCase[] = [
  {
    name: "wrong current password",
    settings: aliceSettings,
    inputs: (context) => ({ ...validInputs(context), currentPassword: context.canaries.add("wrong current password", canaryPassword("wrong")) }),
    expectedMessage: /currentPassword/,
  },
  {
    name: "unknown API key",
    settings: ({ emulatorUrl, canaries }) => ({ baseUrl: emulatorUrl, apiKey: canaries.add("unknown API key", unknownApiKey()) }),
    inputs: validInputs,
    expectedMessage: /gcore:apiKey/,
  },
  {
    name: "API key of another user",
    settings: ({ emulatorUrl, bob }) => ({ baseUrl: emulatorUrl, apiKey: bob.apiKey }),
    inputs: validInputs,
    expectedMessage: /\b403\b/,
  },
  {
    name: "unknown API key input",
    settings: aliceSettings,
    inputs: (context) => ({ ...validInputs(context), apiKey: context.canaries.add("unknown API key input", unknownApiKey()) }),
    expectedMessage: /apiKey/,
  },
  {
    name: "API key input of another user",
    settings: aliceSettings,
    inputs: (context) => ({ ...validInputs(context), apiKey: context.bob.apiKey }),
    expectedMessage: /\b403\b/,
  },
  {
    name: "missing API key",
    settings: ({ emulatorUrl }) => ({ baseUrl: emulatorUrl, apiKey: undefined }),
    inputs: validInputs,
    expectedMessage: /gcore:apiKey/,
  },
  {
    name: "malformed base URL",
    settings: ({ alice }) => ({ baseUrl: "127.0.0.1 gcore", apiKey: alice.apiKey }),
    inputs: validInputs,
    expectedMessage: /not a (valid )?URL/,
  },
  {
    name: "secret base URL with a password",
    settings: ({ alice, emulatorUrl, canaries }) => ({
      baseUrl: emulatorUrl.replace("//", `//admin:${canaries.add("password in base URL", canaryPassword("url"))}@`),
      baseUrlIsSecret: true,
      apiKey: alice.apiKey,
    }),
    inputs: validInputs,
    expectedMessage: /baseUrl/,
  },
  {
    name: "unreachable port",
    settings: ({ alice, closedPortUrl }) => ({ baseUrl: closedPortUrl, apiKey: alice.apiKey }),
    inputs: validInputs,
    expectedMessage: /gcore:baseUrl/,
  },
  {
    name: "padded password",
    settings: aliceSettings,
    inputs: (context) => ({ ...validInputs(context), password: ` ${context.canaries.add("padded password", canaryPassword("padded"))}\n` }),
    expectedMessage: /whitespace/,
  },
  {
    name: "password equal to current",
    settings: aliceSettings,
    inputs: (context) => ({ ...validInputs(context), password: context.alice.startPassword }),
    expectedMessage: /equal to currentPassword/,
  },
  {
    name: "non-string password",
    settings: aliceSettings,
    inputs: (context) => ({ ...validInputs(context), password: 12345678 }),
    expectedMessage: /must be a string/,
  },
  {
    name: "invalid user id",
    settings: aliceSettings,
    inputs: (context) => ({ ...validInputs(context), userId: "user-42" }),
    expectedMessage: /userId \(a string\) is not a positive integer/,
  },
];

/** Returns a loopback URL on a port that was free a moment ago and has no listener now. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe.each<OutputLevel>(["default", "debug"])("provider failures at %s level", (level) => {
  let gcore: AccountEmulator;
  let subject: TestStack;
  let context: CaseContext;
  let inputs: ProgramInputs;
  const canaries = new Canaries();

  const program: PulumiFn = async () => {
    const user = new UserPassword("account-password", inputs as { userId: number; currentPassword: string; password: string });
    return { userId: user.userId };
  };

  beforeAll(async () => {
    gcore = await startAccountEmulator(2);
    const [alice, bob] = gcore.accounts;
    subject = await createTestStack(program);
    context = { alice, bob, emulatorUrl: gcore.emulator.url, closedPortUrl: await closedPortUrl(), canaries };

    canaries.add("current password", alice.startPassword);
    canaries.add("API key", alice.apiKey);
    canaries.add("API key of another user", bob.apiKey);
    canaries.add("password of another user", bob.startPassword);
  });

  afterAll(async () => {
    await subject?.dispose();
    await gcore?.emulator.close();
  });

  test.each(CASES)("$name", async (failure) => {
    const settings = failure.settings(context);
    inputs = failure.inputs(context);
    await subject.stack.setConfig("gcore:baseUrl", { value: settings.baseUrl, secret: settings.baseUrlIsSecret ?? false });
    if (settings.apiKey === undefined) {
      await subject.stack.removeConfig("gcore:apiKey");
    } else {
      await subject.stack.setConfig("gcore:apiKey", { value: settings.apiKey, secret: true });
    }
    const changesBefore = gcore.emulator.requestCounts()[CHANGE_ROUTE];
    const capture = captureEngineOutput(level);

    capture.append(await failureText(subject.stack.up(capture.options)));

    expect(capture.output()).toMatch(failure.expectedMessage);
    expect(canaries.foundIn(capture.output())).toEqual([]);
    expect(canaries.foundIn(capture.events())).toEqual([]);
    expect(gcore.emulator.requestCounts()[CHANGE_ROUTE] - changesBefore).toBeLessThanOrEqual(1);
    expect(gcore.emulator.passwordMatches(context.alice.userId, context.alice.startPassword)).toBe(true);
  });

  describe("after creation", () => {
    let createdPassword: string;

    beforeAll(async () => {
      createdPassword = canaries.add("created password", canaryPassword("created"));
      inputs = { userId: context.alice.userId, currentPassword: context.alice.startPassword, password: createdPassword };
      await subject.stack.setConfig("gcore:baseUrl", { value: context.emulatorUrl });
      await subject.stack.setConfig("gcore:apiKey", { value: context.alice.apiKey, secret: true });
      await subject.stack.up({ color: "never" });
    });

    const useSettings = async (settings: { baseUrl: string; apiKey: string }): Promise<void> => {
      await subject.stack.setConfig("gcore:baseUrl", { value: settings.baseUrl });
      await subject.stack.setConfig("gcore:apiKey", { value: settings.apiKey, secret: true });
    };

    /** Runs an operation that must fail with the given settings, then restores alice's settings. */
    const failWith = async (settings: { baseUrl: string; apiKey: string }, operation: (capture: EngineCapture) => Promise<unknown>): Promise<EngineCapture> => {
      const capture = captureEngineOutput(level);
      try {
        await useSettings(settings);
        capture.append(await failureText(operation(capture)));
      } finally {
        await useSettings({ baseUrl: context.emulatorUrl, apiKey: context.alice.apiKey });
      }
      return capture;
    };

    /**
     * Refreshes with the given settings and returns the failure. A refresh that does not run the
     * program uses the provider settings recorded in state, so an `up` records the new ones first.
     */
    const failToRefresh = async (settings: { baseUrl: string; apiKey: string }): Promise<EngineCapture> => {
      const capture = await failWith(settings, async (engine) => {
        await subject.stack.up({ color: "never" });
        await subject.stack.refresh(engine.options);
      });
      await subject.stack.up({ color: "never" });
      return capture;
    };

    test("refresh with unknown API key", async () => {
      const settings = { baseUrl: context.emulatorUrl, apiKey: canaries.add("unknown API key", unknownApiKey()) };

      const capture = await failToRefresh(settings);

      expect(capture.output()).toMatch(/gcore:apiKey/);
      expect(canaries.foundIn(capture.output())).toEqual([]);
      expect(canaries.foundIn(capture.events())).toEqual([]);
    });

    test("refresh with unreachable port", async () => {
      const settings = { baseUrl: context.closedPortUrl, apiKey: context.alice.apiKey };

      const capture = await failToRefresh(settings);

      expect(capture.output()).toMatch(/gcore:baseUrl/);
      expect(canaries.foundIn(capture.output())).toEqual([]);
      expect(canaries.foundIn(capture.events())).toEqual([]);
    });

    test("rotation after an outside change", async () => {
      const outsidePassword = canaries.add("password set outside the stack", canaryPassword("outside"));
      const client = new GcoreIamClient({ baseUrl: context.emulatorUrl, apiKey: context.alice.apiKey });
      await client.changePassword(context.alice.userId, { oldPassword: createdPassword, newPassword: outsidePassword });
      inputs = { ...inputs, password: canaries.add("password after the outside change", canaryPassword("after")) };
      const settings = { baseUrl: context.emulatorUrl, apiKey: context.alice.apiKey };

      const capture = await failWith(settings, (engine) => subject.stack.up(engine.options));

      expect(capture.output()).toMatch(/currentPassword/);
      expect(canaries.foundIn(capture.output())).toEqual([]);
      expect(canaries.foundIn(capture.events())).toEqual([]);
      expect(gcore.emulator.passwordMatches(context.alice.userId, outsidePassword)).toBe(true);
    });
  });

  test("emulator log has no secret", () => {
    const log = gcore.logLines.join("\n");

    expect(log).toContain("PUT /iam/users/");
    expect(canaries.foundIn(log)).toEqual([]);
  });
});
