import { startEmulator, type RunningEmulator } from "../../emulator";

describe("emulator JSON parse errors", () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });

  afterAll(async () => {
    await emulator?.close();
  });

  test("message quotes no body text", async () => {
    const response = await fetch(`${emulator.url}/iam/auth/jwt/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"username":"demo@example.com","password":Canary-Secret-Value}',
    });
    const body = (await response.json()) as { message: string };

    expect(response.status).toBe(400);
    expect(body.message).toMatch(/^JSON parse error - /);
    expect(body.message).not.toContain("Canary");
  });
});
