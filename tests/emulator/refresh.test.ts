import type { RunningEmulator } from "../../emulator";
import type { FakeClock } from "./support/fake-clock";
import { startTestEmulator } from "./support/harness";
import { call, decodePayload, login } from "./support/http";

const PATH = "/iam/auth/jwt/refresh";
const INVALID = { detail: "Token is invalid or expired", code: "token_not_valid" };

let emulator: RunningEmulator;
let clock: FakeClock;

beforeEach(async () => {
  ({ emulator, clock } = await startTestEmulator());
});

afterEach(async () => {
  await emulator.close();
});

function postRefresh(body: unknown) {
  return call(emulator.url, "POST", PATH, { body });
}

describe("POST /iam/auth/jwt/refresh", () => {
  test("refresh token returns new pair", async () => {
    const first = await login(emulator.url, "owner@example.com", "Owner-Start-1");

    const response = await postRefresh({ refresh: first.refresh });

    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(["access", "refresh"]);
    expect(response.body.refresh).not.toBe(first.refresh);
    expect(response.body.access).not.toBe(first.access);
    expect(decodePayload(response.body.access).rjti).toBe(decodePayload(response.body.refresh).jti);
  });

  test("new access token authenticates", async () => {
    const first = await login(emulator.url, "owner@example.com", "Owner-Start-1");
    const refreshed = await postRefresh({ refresh: first.refresh });

    const user = await call(emulator.url, "GET", "/iam/users/42", { authorization: `Bearer ${refreshed.body.access}` });

    expect(user.status).toBe(200);
  });

  test("reused refresh token is blacklisted", async () => {
    const first = await login(emulator.url, "owner@example.com", "Owner-Start-1");
    await postRefresh({ refresh: first.refresh });

    const again = await postRefresh({ refresh: first.refresh });

    expect(again.status).toBe(401);
    expect(again.body).toEqual({ detail: "Token is blacklisted", code: "token_not_valid" });
  });

  test("rotated refresh token works once", async () => {
    const first = await login(emulator.url, "owner@example.com", "Owner-Start-1");
    const second = await postRefresh({ refresh: first.refresh });

    const third = await postRefresh({ refresh: second.body.refresh });
    const reuse = await postRefresh({ refresh: second.body.refresh });

    expect(third.status).toBe(200);
    expect(reuse.status).toBe(401);
  });

  test("refresh token valid until just before 24 hours", async () => {
    const first = await login(emulator.url, "owner@example.com", "Owner-Start-1");
    clock.advance(24 * 3600 * 1000 - 1);

    const response = await postRefresh({ refresh: first.refresh });

    expect(response.status).toBe(200);
  });

  test("refresh token expires after 24 hours", async () => {
    const first = await login(emulator.url, "owner@example.com", "Owner-Start-1");
    clock.advance(24 * 3600 * 1000);

    const response = await postRefresh({ refresh: first.refresh });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
  });

  test("access token has wrong type", async () => {
    const first = await login(emulator.url, "owner@example.com", "Owner-Start-1");

    const response = await postRefresh({ refresh: first.access });

    expect(response.status).toBe(401);
    expect(response.body).toEqual({ detail: "Token has wrong type", code: "token_not_valid" });
  });

  test("garbage token is invalid", async () => {
    const response = await postRefresh({ refresh: "not.a.jwt" });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
  });

  test("token from another emulator is invalid", async () => {
    const other = await startTestEmulator();
    try {
      const foreign = await login(other.emulator.url, "owner@example.com", "Owner-Start-1");

      const response = await postRefresh({ refresh: foreign.refresh });

      expect(response.status).toBe(401);
      expect(response.body).toEqual(INVALID);
    } finally {
      await other.emulator.close();
    }
  });

  test("tampered payload is invalid", async () => {
    const first = await login(emulator.url, "owner@example.com", "Owner-Start-1");
    const [header, payload, signature] = first.refresh.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const forged = Buffer.from(JSON.stringify({ ...claims, user_id: 43 })).toString("base64url");

    const response = await postRefresh({ refresh: `${header}.${forged}.${signature}` });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
  });

  test("unsigned token is invalid", async () => {
    const first = await login(emulator.url, "owner@example.com", "Owner-Start-1");
    const payload = first.refresh.split(".")[1];
    const noneHeader = Buffer.from(JSON.stringify({ typ: "JWT", alg: "none" })).toString("base64url");

    const response = await postRefresh({ refresh: `${noneHeader}.${payload}.` });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID);
  });

  test("missing refresh is required", async () => {
    const response = await postRefresh({});

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: { refresh: ["This field is required."] } });
  });

  test("non-JSON body is a parse error", async () => {
    const response = await postRefresh("refresh=abc");

    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/^JSON parse error - \S/);
  });
});
