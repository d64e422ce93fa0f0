import { UserPasswordRuntime } from "../../provider/runtime";
import { configRequest } from "./support/config-request";
import type { UserPasswordOutputs } from "../../provider/outputs";
import { startTestEmulator, type TestEmulator } from "../support/emulator-fixture";

const stored = (userId: number): UserPasswordOutputs =>
  ({ userId, password: "Stored-1", currentPassword: "Start-0", syncStatus: "in sync" }) as UserPasswordOutputs;

describe("UserPasswordRuntime.read", () => {
  let gcore: TestEmulator;

  beforeAll(async () => {
    gcore = await startTestEmulator();
  });

  afterAll(async () => {
    await gcore?.emulator.close();
  });

  test("missing user drops from state", async () => {
    const runtime = new UserPasswordRuntime();
    await runtime.configure(configRequest({ "gcore:baseUrl": gcore.emulator.url, "gcore:apiKey": gcore.alice.apiKey }));

    const result = await runtime.read("999", stored(999));

    expect(result.id).toBeUndefined();
  });

  test("wrong base path fails refresh", async () => {
    const runtime = new UserPasswordRuntime();
    await runtime.configure(configRequest({ "gcore:baseUrl": `${gcore.emulator.url}/v1`, "gcore:apiKey": gcore.alice.apiKey }));

    await expect(runtime.read("42", stored(42))).rejects.toThrow("Reading Gcore user 42 failed");
  });

  test("state of an older version gets every output", async () => {
    const runtime = new UserPasswordRuntime();
    await runtime.configure(configRequest({ "gcore:baseUrl": gcore.emulator.url, "gcore:apiKey": gcore.alice.apiKey }));
    const older = { userId: 42, password: "Stored-1", currentPassword: "Start-0", rotatedAt: "2026-01-01T00:00:00.000Z" } as UserPasswordOutputs;

    const result = await runtime.read("42", older);

    expect(result.props).toMatchObject({ rotationCount: 1, passwordVersion: 1, rotationReason: "first creation", syncStatus: "in sync" });
  });

  test("recorded outputs stay as they are", async () => {
    const runtime = new UserPasswordRuntime();
    await runtime.configure(configRequest({ "gcore:baseUrl": gcore.emulator.url, "gcore:apiKey": gcore.alice.apiKey }));
    const recorded = { ...stored(42), rotatedAt: "never", rotationCount: 4, passwordVersion: 5, rotationReason: "password input changed" } as UserPasswordOutputs;

    const result = await runtime.read("42", recorded);

    expect(result.props).toMatchObject({ rotationCount: 4, passwordVersion: 5, rotationReason: "password input changed", syncStatus: "in sync" });
  });

  test("existing user keeps state", async () => {
    const runtime = new UserPasswordRuntime();
    await runtime.configure(configRequest({ "gcore:baseUrl": gcore.emulator.url, "gcore:apiKey": gcore.alice.apiKey }));

    const result = await runtime.read("42", stored(42));

    expect(result.id).toBe("42");
    expect(result.props?.password).toBe("Stored-1");
  });
});
