import type { RunningEmulator } from "../../emulator";
import { startTestEmulator } from "./support/harness";
import { call, decodePayload } from "./support/http";

const PATH = "/iam/auth/jwt/login";
const NO_ACCOUNT = { detail: "No active account found with the given credentials" };

let emulator: RunningEmulator;

beforeAll(async () => {
  ({ emulator } = await startTestEmulator());
});

afterAll(async () => {
  await emulator.close();
});

function postLogin(body: unknown) {
  return call(emulator.url, "POST", PATH, { body });
}

describe("POST /iam/auth/jwt/login", () => {
  test("valid credentials return token pair", async () => {
    const response = await postLogin({ username: "owner@example.com", password: "Owner-Start-1" });

    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(["access", "refresh"]);
    expect(decodePayload(response.body.access).user_id).toBe(42);
    expect(decodePayload(response.body.refresh).token_type).toBe("refresh");
  });

  test("one_time_password is accepted and ignored", async () => {
    const response = await postLogin({ username: "owner@example.com", password: "Owner-Start-1", one_time_password: "123456" });

    expect(response.status).toBe(200);
  });

  test("null one_time_password is accepted", async () => {
    const response = await postLogin({ username: "owner@example.com", password: "Owner-Start-1", one_time_password: null });

    expect(response.status).toBe(200);
  });

  test("non-string one_time_password is rejected", async () => {
    const response = await postLogin({ username: "owner@example.com", password: "Owner-Start-1", one_time_password: 123456 });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: { one_time_password: ["Not a valid string."] } });
  });

  test("wrong password is rejected", async () => {
    const response = await postLogin({ username: "owner@example.com", password: "Wrong-Password" });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(NO_ACCOUNT);
  });

  test("unknown e-mail is rejected", async () => {
    const response = await postLogin({ username: "nobody@example.com", password: "Owner-Start-1" });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(NO_ACCOUNT);
  });

  test("e-mail is matched exactly", async () => {
    const response = await postLogin({ username: "OWNER@example.com", password: "Owner-Start-1" });

    expect(response.status).toBe(401);
    expect(response.body).toEqual(NO_ACCOUNT);
  });

  test("another user's password is rejected", async () => {
    const response = await postLogin({ username: "owner@example.com", password: "Colleague-Start-1" });

    expect(response.status).toBe(401);
  });

  test("missing fields are required", async () => {
    const response = await postLogin({});

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: { username: ["This field is required."], password: ["This field is required."] } });
  });

  test("blank password is rejected", async () => {
    const response = await postLogin({ username: "owner@example.com", password: "" });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: { password: ["This field may not be blank."] } });
  });

  test("empty body reports fields required", async () => {
    const response = await call(emulator.url, "POST", PATH);

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: { username: ["This field is required."], password: ["This field is required."] } });
  });

  test("non-JSON body is a parse error", async () => {
    const response = await postLogin("username=owner@example.com");

    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/^JSON parse error - \S/);
  });

  test("authorization header is not needed", async () => {
    const response = await call(emulator.url, "POST", PATH, {
      body: { username: "colleague@example.com", password: "Colleague-Start-1" },
      authorization: "APIKey 99_00ff",
    });

    expect(response.status).toBe(200);
  });
});
