import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import rotateOneUser = require("../../index");
import { startAccountEmulator, type AccountEmulator } from "../support/account-emulator";
import { Canaries, plaintextOf, SECRET_SIGNATURE } from "../support/canaries";
import { canaryPassword } from "../support/emulator-fixture";
import { USER_PASSWORD_TYPE } from "../support/stack-state";
import { createTestStack, readBackendFiles, runPulumiCli, type TestStack } from "../support/test-stack";

const PROJECT = "gcore-rotate-test";
/** Stack config keys whose values are secrets, and so must be stored encrypted. */
const SECRET_CONFIG_KEYS = ["gcore:apiKey", `${PROJECT}:currentPassword`, `${PROJECT}:password`];

/** A resource as `stack.exportStack()` returns it, secrets decrypted. */
interface ExportedResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

describe("secrets at rest and in CLI listings", () => {
  let gcore: AccountEmulator;
  let subject: TestStack;
  const canaries = new Canaries();

  beforeAll(async () => {
    gcore = await startAccountEmulator(1);
    const [alice] = gcore.accounts;
    subject = await createTestStack(rotateOneUser);

    canaries.add("current password", alice.startPassword);
    canaries.add("API key", alice.apiKey);
    await subject.stack.setAllConfig({
      "gcore:baseUrl": { value: gcore.emulator.url },
      "gcore:apiKey": { value: alice.apiKey, secret: true },
      [`${PROJECT}:userId`]: { value: String(alice.userId) },
      [`${PROJECT}:currentPassword`]: { value: alice.startPassword, secret: true },
      [`${PROJECT}:password`]: { value: canaries.add("new password", canaryPassword("new")), secret: true },
    });
    await subject.stack.up({ color: "never" });
    await recordTokens();

    // A rotation leaves two generations of passwords and tokens behind in the backend's history.
    await subject.stack.setConfig(`${PROJECT}:password`, { value: canaries.add("rotated password", canaryPassword("rotated")), secret: true });
    await subject.stack.up({ color: "never" });
    await recordTokens();
  });

  afterAll(async () => {
    await subject?.dispose();
    await gcore?.emulator.close();
  });

  const userPasswordResource = async (): Promise<ExportedResource> => {
    const state = await subject.stack.exportStack();
    const resources = (state.deployment?.resources ?? []) as ExportedResource[];
    const resource = resources.find((candidate) => candidate.type === USER_PASSWORD_TYPE);
    if (resource === undefined) {
      throw new Error(`The stack has no ${USER_PASSWORD_TYPE} resource.`);
    }
    return resource;
  };

  const recordTokens = async (): Promise<void> => {
    const { outputs } = await userPasswordResource();
    canaries.add("access token", plaintextOf(outputs?.accessToken) as string);
    canaries.add("refresh token", plaintextOf(outputs?.refreshToken) as string);
  };

  test("stack export has no secret", async () => {
    const exported = await runPulumiCli(subject, ["stack", "export"]);

    expect(exported).toContain(USER_PASSWORD_TYPE);
    expect(exported).toContain(SECRET_SIGNATURE);
    expect(canaries.foundIn(exported)).toEqual([]);
  });

  test("backend files have no secret", () => {
    const files = readBackendFiles(subject);

    expect(files).toContain(USER_PASSWORD_TYPE);
    expect(canaries.foundIn(files)).toEqual([]);
  });

  test("stack config file has no secret", () => {
    const configFile = fs.readFileSync(path.join(subject.workDir, `Pulumi.${subject.stack.name}.yaml`), "utf8");

    expect(canaries.foundIn(configFile)).toEqual([]);
  });

  test.each(SECRET_CONFIG_KEYS)("stack config file encrypts %s", (key) => {
    const configFile = fs.readFileSync(path.join(subject.workDir, `Pulumi.${subject.stack.name}.yaml`), "utf8");

    // A secret value is written as a nested `secure:` key holding the ciphertext.
    expect(configFile).toMatch(new RegExp(`${key}:\\s*\\n\\s+secure: \\S+`));
  });

  test("config listing masks secrets", async () => {
    const listing = await runPulumiCli(subject, ["config"]);

    expect(listing).toContain("[secret]");
    expect(canaries.foundIn(listing)).toEqual([]);
  });

  test("stack output masks secrets", async () => {
    const listing = await runPulumiCli(subject, ["stack", "output"]);

    expect(listing).toContain("accessToken");
    expect(listing).toContain("[secret]");
    expect(canaries.foundIn(listing)).toEqual([]);
  });

  test("stack output --json masks secrets", async () => {
    const listing = await runPulumiCli(subject, ["stack", "output", "--json"]);
    const outputs = JSON.parse(listing) as Record<string, unknown>;

    expect(outputs.accessToken).toBe("[secret]");
    expect(outputs.refreshToken).toBe("[secret]");
    expect(canaries.foundIn(listing)).toEqual([]);
  });

  test("stack history has no secret", async () => {
    const history = await runPulumiCli(subject, ["stack", "history", "--json"]);

    expect(JSON.parse(history)).toHaveLength(2);
    expect(canaries.foundIn(history)).toEqual([]);
  });

  test("serialized provider has no secret", async () => {
    const resource = await userPasswordResource();
    const serialized = [resource.inputs?.__provider, resource.outputs?.__provider].map((value) => String(plaintextOf(value)));

    expect(serialized[0]).toContain("gcore-rotate/provider/runtime");
    expect(serialized[1]).toBe(serialized[0]);
    expect(canaries.foundIn(serialized.join("\n"))).toEqual([]);
  });

  test("serialized provider has no machine path", async () => {
    const resource = await userPasswordResource();
    const serialized = String(plaintextOf(resource.inputs?.__provider));
    const machinePaths = [path.resolve(__dirname, "..", ".."), subject.workDir, subject.backendDir, os.homedir(), os.tmpdir(), process.cwd(), path.dirname(process.execPath)];

    for (const machinePath of machinePaths) {
      expect(serialized).not.toContain(machinePath);
    }
    expect(serialized).not.toMatch(/node_modules|file:\/\//);
  });
});
