import type { PulumiFn } from "@pulumi/pulumi/automation";

import { PUBLIC_OUTPUT_KEYS, SECRET_OUTPUT_KEYS, UserPassword } from "../../provider";
import { startAccountEmulator, type AccountEmulator } from "../support/account-emulator";
import { isSecretObject } from "../support/canaries";
import { canaryPassword } from "../support/emulator-fixture";
import { USER_PASSWORD_TYPE } from "../support/stack-state";
import { createTestStack, runPulumiCli, type TestStack } from "../support/test-stack";

/** Keys that Pulumi itself adds to every dynamic resource, such as the serialized provider. */
const PULUMI_OUTPUT_KEYS = ["__provider"];

/** A resource as `pulumi stack export` prints it, secrets encrypted. */
interface ExportedResource {
  type: string;
  outputs?: Record<string, unknown>;
}

describe("UserPassword outputs in stack export", () => {
  let gcore: AccountEmulator;
  let subject: TestStack;
  let outputs: Record<string, unknown>;

  beforeAll(async () => {
    gcore = await startAccountEmulator(1);
    const [alice] = gcore.accounts;
    const newPassword = canaryPassword("new");
    // Every optional input is set, so that the outputs they add are classified too.
    const program: PulumiFn = async () => {
      new UserPassword("account-password", {
        userId: alice.userId,
        apiKey: alice.apiKey,
        currentPassword: alice.startPassword,
        password: newPassword,
        verifyOnRefresh: true,
        adopt: false,
      });
    };
    subject = await createTestStack(program);
    await subject.stack.setConfig("gcore:baseUrl", { value: gcore.emulator.url });
    await subject.stack.up({ color: "never" });

    const exported = JSON.parse(await runPulumiCli(subject, ["stack", "export"]));
    const resources = (exported.deployment?.resources ?? []) as ExportedResource[];
    outputs = resources.find((resource) => resource.type === USER_PASSWORD_TYPE)?.outputs ?? {};
  });

  afterAll(async () => {
    await subject?.dispose();
    await gcore?.emulator.close();
  });

  const ownKeys = (): string[] => Object.keys(outputs).filter((key) => !PULUMI_OUTPUT_KEYS.includes(key));

  test("every output key is classified", () => {
    const known: readonly string[] = [...SECRET_OUTPUT_KEYS, ...PUBLIC_OUTPUT_KEYS];
    const unclassified = ownKeys()
      .filter((key) => !known.includes(key))
      .map((key) => `${key}: add it to SECRET_OUTPUT_KEYS or PUBLIC_OUTPUT_KEYS in provider/user-password.ts`);

    expect(ownKeys().length).toBeGreaterThan(0);
    expect(unclassified).toEqual([]);
  });

  test("no key is both secret and public", () => {
    const publicKeys: readonly string[] = PUBLIC_OUTPUT_KEYS;

    expect(SECRET_OUTPUT_KEYS.filter((key) => publicKeys.includes(key))).toEqual([]);
  });

  test("secret keys are encrypted", () => {
    const secretKeys: readonly string[] = SECRET_OUTPUT_KEYS;
    const isEncrypted = (value: unknown): boolean => isSecretObject(value) && typeof value.ciphertext === "string";
    const plainSecrets = ownKeys().filter((key) => secretKeys.includes(key) && !isEncrypted(outputs[key]));

    expect(plainSecrets).toEqual([]);
  });

  test("public keys are plain values", () => {
    const publicKeys: readonly string[] = PUBLIC_OUTPUT_KEYS;
    const wrapped = ownKeys().filter((key) => publicKeys.includes(key) && isSecretObject(outputs[key]));

    expect(wrapped).toEqual([]);
  });

  test("no output is null or undefined", () => {
    const empty = Object.keys(outputs).filter((key) => outputs[key] === null || outputs[key] === undefined);

    expect(empty).toEqual([]);
  });

  test("token and password outputs exist", () => {
    expect(ownKeys()).toEqual(expect.arrayContaining(["password", "accessToken", "refreshToken"]));
  });

  test("optional input outputs exist", () => {
    expect(ownKeys()).toEqual(expect.arrayContaining(["apiKey", "verifyOnRefresh"]));
  });
});
