import * as fs from "node:fs";
import * as path from "node:path";

import { UserPassword } from "../../provider";
import { startAccountEmulator, totalRequests, type AccountEmulator } from "../support/account-emulator";
import { Canaries } from "../support/canaries";
import { canaryPassword, CHANGE_ROUTE } from "../support/emulator-fixture";
import { createTestStack, readBackendFiles, runPulumiCli, type TestStack } from "../support/test-stack";

const USER_COUNT = 10;
/** The index of the one user whose password the test changes. */
const CHANGED_INDEX = 3;
/** Set this variable to rewrite the preview transcript in docs/preview-example.md. */
const WRITE_EXAMPLE_VARIABLE = "WRITE_PREVIEW_EXAMPLE";
const EXAMPLE_PATH = path.resolve(__dirname, "..", "..", "docs", "preview-example.md");

/**
 * Ten users in one stack, one password changed: the preview shows one update with its reason, nine
 * resources unchanged, and sends no request to Gcore.
 *
 * Gcore lets an API token change only its own user's password, so each `UserPassword` gets its
 * user's token through its own `apiKey` input, and the stack config supplies only the base URL.
 */
describe("preview of one change among ten users", () => {
  let gcore: AccountEmulator;
  let subject: TestStack;
  const canaries = new Canaries();
  /** The `password` input of each user, which the test edits between runs. */
  const desiredPasswords: string[] = [];

  const program = async (): Promise<void> => {
    for (const [index, account] of gcore.accounts.entries()) {
      new UserPassword(`user-${account.userId}`, {
        userId: account.userId,
        apiKey: account.apiKey,
        currentPassword: account.startPassword,
        password: desiredPasswords[index],
      });
    }
  };

  beforeAll(async () => {
    gcore = await startAccountEmulator(USER_COUNT);
    for (const account of gcore.accounts) {
      canaries.add(`start password of ${account.userId}`, account.startPassword);
      canaries.add(`API key of ${account.userId}`, account.apiKey);
      desiredPasswords.push(canaries.add(`first password of ${account.userId}`, canaryPassword(`first${account.userId}`)));
    }
    subject = await createTestStack(program);
    await subject.stack.setConfig("gcore:baseUrl", { value: gcore.emulator.url });
  });

  afterAll(async () => {
    await subject?.dispose();
    await gcore?.emulator.close();
  });

  test("up creates every user", async () => {
    const result = await subject.stack.up({ color: "never" });

    expect(result.summary.resourceChanges?.create).toBe(1 + USER_COUNT);
    expect(gcore.emulator.requestCounts()[CHANGE_ROUTE]).toBe(USER_COUNT);
    gcore.accounts.forEach((account, index) => expect(gcore.emulator.passwordMatches(account.userId, desiredPasswords[index])).toBe(true));
  });

  test("state keeps every API key secret", async () => {
    const exported = await runPulumiCli(subject, ["stack", "export"]);

    // Each token is an input and an output of its resource, stored as a secret.
    expect(exported).toContain("apiKey");
    expect(canaries.foundIn(exported)).toEqual([]);
    expect(canaries.foundIn(readBackendFiles(subject))).toEqual([]);
  });

  describe("after one password changed", () => {
    let output: string;
    let summary: Record<string, number>;
    let requestsDuringPreview: number;
    let changedName: string;

    beforeAll(async () => {
      changedName = `user-${gcore.accounts[CHANGED_INDEX].userId}`;
      desiredPasswords[CHANGED_INDEX] = canaries.add("rotated password", canaryPassword("rotated"));
      const requestsBefore = totalRequests(gcore);

      const preview = await subject.stack.preview({ color: "never", diff: true });

      requestsDuringPreview = totalRequests(gcore) - requestsBefore;
      output = preview.stdout;
      summary = preview.changeSummary as Record<string, number>;
    });

    test("preview shows one update", () => {
      expect(summary.update).toBe(1);
      expect(summary.create ?? 0).toBe(0);
      expect(summary.replace ?? 0).toBe(0);
    });

    test("preview keeps the others same", () => {
      // The nine other users and the stack itself.
      expect(summary.same).toBe(USER_COUNT - 1 + 1);
    });

    test("preview names the reason", () => {
      const reasons = output.match(/~ rotationReason\s*:\s*"first creation" => "password input changed"/g) ?? [];

      expect(reasons).toHaveLength(1);
      expect(output).toMatch(/~ passwordVersion\s*:\s*1 => 2/);
      expect(output).toContain(`gcore:UserPassword::${changedName}]`);
    });

    test("preview sends no request", () => {
      expect(requestsDuringPreview).toBe(0);
    });

    test("preview masks every secret", () => {
      expect(canaries.foundIn(output)).toEqual([]);
    });

    test("transcript example is current", () => {
      if (process.env[WRITE_EXAMPLE_VARIABLE]) {
        fs.mkdirSync(path.dirname(EXAMPLE_PATH), { recursive: true });
        fs.writeFileSync(EXAMPLE_PATH, exampleDocument(output, subject.stack.name, changedName));
      }
      const example = fs.readFileSync(EXAMPLE_PATH, "utf8");

      expect(canaries.foundIn(example)).toEqual([]);
      expect(example).toContain('~ rotationReason : "first creation" => "password input changed"');
    });

    test("up rotates only that user", async () => {
      const changesBefore = gcore.emulator.requestCounts()[CHANGE_ROUTE];

      const result = await subject.stack.up({ color: "never" });

      expect(result.summary.resourceChanges?.update).toBe(1);
      expect(gcore.emulator.requestCounts()[CHANGE_ROUTE] - changesBefore).toBe(1);
      gcore.accounts.forEach((account, index) => expect(gcore.emulator.passwordMatches(account.userId, desiredPasswords[index])).toBe(true));
    });
  });
});

/** Builds docs/preview-example.md around a preview transcript, with run-specific names made stable. */
function exampleDocument(transcript: string, stackName: string, changedName: string): string {
  const stable = transcript.split(stackName).join("dev").split("gcore-rotate-test").join("accounts").trimEnd();

  return `# What a preview of one rotation looks like

A stack manages the passwords of ten Gcore users, one \`UserPassword\` each. Each resource gets
its user's API token through its \`apiKey\` input, because Gcore lets a token change only its own
user's password. After the \`password\` input of \`${changedName}\` changed,
\`pulumi preview --diff\` printed this (stack and project names shortened, nothing else edited):

\`\`\`text
${stable}
\`\`\`

How to read it:

- Previews mask secrets on both sides, so \`password: [secret]\` looks the same before and after.
  The two plain inputs that the provider's \`check\` adds tell the story instead:
  \`passwordVersion\` counts the password values the resource has asked for, and \`rotationReason\`
  says why the next \`pulumi up\` changes the password.
- Only the changed user is listed. The nine other users are unchanged.
- The preview sent no request to Gcore. The tests behind this page (\`tests/preview/\`) run it
  against the local emulator and count the requests.

Regenerate this page with \`${WRITE_EXAMPLE_VARIABLE}=1 npx jest tests/preview/many-users\`.
`;
}
