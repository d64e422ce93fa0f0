import type { RunningEmulator } from "../../emulator";
import { startTestEmulator } from "./support/harness";
import { call, login } from "./support/http";
import { COLLEAGUE_TOKEN, OWNER_TOKEN } from "./support/test-seed";

const PATH = "/iam/users/42/password";
const OWNER_AUTH = `APIKey ${OWNER_TOKEN}`;

let emulator: RunningEmulator;

beforeEach(async () => {
  ({ emulator } = await startTestEmulator());
});

afterEach(async () => {
  await emulator.close();
});

function changePassword(body: unknown, authorization = OWNER_AUTH, path = PATH) {
  return call(emulator.url, "PUT", path, { body, authorization });
}

describe("PUT /iam/users/{userId}/password", () => {
  test("API key changes password", async () => {
    const response = await changePassword({ old: "Owner-Start-1", new: "Owner-Next-2", double: "Owner-Next-2" });

    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(["access", "refresh"]);
    expect(emulator.passwordMatches(42, "Owner-Next-2")).toBe(true);
    expect(emulator.passwordMatches(42, "Owner-Start-1")).toBe(false);
  });

  test("new password works for login", async () => {
    await changePassword({ old: "Owner-Start-1", new: "Owner-Next-2", double: "Owner-Next-2" });

    const withNew = await call(emulator.url, "POST", "/iam/auth/jwt/login", { body: { username: "owner@example.com", password: "Owner-Next-2" } });
    const withOld = await call(emulator.url, "POST", "/iam/auth/jwt/login", { body: { username: "owner@example.com", password: "Owner-Start-1" } });

    expect(withNew.status).toBe(200);
    expect(withOld.status).toBe(401);
  });

  test("returned access token authenticates", async () => {
    const response = await changePassword({ old: "Owner-Start-1", new: "Owner-Next-2", double: "Owner-Next-2" });

    const user = await call(emulator.url, "GET", "/iam/users/42", { authorization: `Bearer ${response.body.access}` });

    expect(user.status).toBe(200);
    expect(user.body.id).toBe(42);
  });

  test("Bearer access token changes password", async () => {
    const tokens = await login(emulator.url, "owner@example.com", "Owner-Start-1");

    const response = await changePassword({ old: "Owner-Start-1", new: "Owner-Next-2", double: "Owner-Next-2" }, `Bearer ${tokens.access}`);

    expect(response.status).toBe(200);
    expect(emulator.passwordMatches(42, "Owner-Next-2")).toBe(true);
  });

  test("earlier access token stays valid after change", async () => {
    const before = await login(emulator.url, "owner@example.com", "Owner-Start-1");
    await changePassword({ old: "Owner-Start-1", new: "Owner-Next-2", double: "Owner-Next-2" });

    const user = await call(emulator.url, "GET", "/iam/users/42", { authorization: `Bearer ${before.access}` });

    expect(user.status).toBe(200);
  });

  test("wrong old password is rejected", async () => {
    const response = await changePassword({ old: "Not-The-Password", new: "Owner-Next-2", double: "Owner-Next-2" });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: { old: ["Old password is incorrect"] } });
    expect(emulator.passwordMatches(42, "Owner-Start-1")).toBe(true);
  });

  test("new and double mismatch is rejected", async () => {
    const response = await changePassword({ old: "Owner-Start-1", new: "Owner-Next-2", double: "Owner-Next-3" });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: { new: ["New and double values don't match"] } });
    expect(emulator.passwordMatches(42, "Owner-Start-1")).toBe(true);
  });

  test("both errors are reported together", async () => {
    const response = await changePassword({ old: "Not-The-Password", new: "Owner-Next-2", double: "Owner-Next-3" });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: { old: ["Old password is incorrect"], new: ["New and double values don't match"] },
    });
  });

  test("empty body reports every field required", async () => {
    const response = await changePassword({});

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: { old: ["This field is required."], new: ["This field is required."], double: ["This field is required."] },
    });
  });

  test.each([
    ["old", { new: "a", double: "a" }],
    ["new", { old: "Owner-Start-1", double: "a" }],
    ["double", { old: "Owner-Start-1", new: "a" }],
  ])("missing %s is required", async (field, body) => {
    const response = await changePassword(body);

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: { [field]: ["This field is required."] } });
  });

  test("blank fields are rejected", async () => {
    const response = await changePassword({ old: "", new: "", double: "" });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: {
        old: ["This field may not be blank."],
        new: ["This field may not be blank."],
        double: ["This field may not be blank."],
      },
    });
    expect(emulator.passwordMatches(42, "Owner-Start-1")).toBe(true);
  });

  test("null and non-string fields are rejected", async () => {
    const response = await changePassword({ old: null, new: 12345, double: ["x"] });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: { old: ["This field may not be null."], new: ["Not a valid string."], double: ["Not a valid string."] },
    });
  });

  test("non-JSON body is a parse error", async () => {
    const response = await changePassword('{"old": "Owner-Start-1",');

    expect(response.status).toBe(400);
    expect(Object.keys(response.body)).toEqual(["message"]);
    expect(response.body.message).toMatch(/^JSON parse error - \S/);
  });

  test("JSON array body is rejected", async () => {
    const response = await changePassword("[]");

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: { non_field_errors: ["Invalid data. Expected a dictionary, but got list."] } });
  });

  test("other user of same client is forbidden", async () => {
    const response = await changePassword({ old: "Colleague-Start-1", new: "x-2", double: "x-2" }, OWNER_AUTH, "/iam/users/43/password");

    expect(response.status).toBe(403);
    expect(response.body).toEqual({ detail: "You do not have permission to perform this action." });
    expect(emulator.passwordMatches(43, "Colleague-Start-1")).toBe(true);
  });

  test("colleague token cannot change owner password", async () => {
    const response = await changePassword({ old: "Owner-Start-1", new: "x-2", double: "x-2" }, `APIKey ${COLLEAGUE_TOKEN}`);

    expect(response.status).toBe(403);
    expect(emulator.passwordMatches(42, "Owner-Start-1")).toBe(true);
  });

  test("unknown user id is forbidden, not 404", async () => {
    const response = await changePassword({ old: "a", new: "b", double: "b" }, OWNER_AUTH, "/iam/users/999/password");

    expect(response.status).toBe(403);
    expect(response.body).toEqual({ detail: "You do not have permission to perform this action." });
  });

  test("permission is checked before the body", async () => {
    const response = await changePassword("not json", OWNER_AUTH, "/iam/users/43/password");

    expect(response.status).toBe(403);
  });

  test("missing credentials are rejected before the body", async () => {
    const response = await call(emulator.url, "PUT", PATH, { body: "not json" });

    expect(response.status).toBe(401);
    expect(response.body).toEqual({ detail: "Authentication credentials were not provided." });
  });

  test("unknown API token is rejected", async () => {
    const response = await changePassword({ old: "Owner-Start-1", new: "x-2", double: "x-2" }, "APIKey 99_00ff00ff00ff");

    expect(response.status).toBe(401);
    expect(response.body).toEqual({ detail: "Authentication credentials were not provided." });
    expect(emulator.passwordMatches(42, "Owner-Start-1")).toBe(true);
  });

  test("concurrent changes: only one wins", async () => {
    const [first, second] = await Promise.all([
      changePassword({ old: "Owner-Start-1", new: "Owner-First-2", double: "Owner-First-2" }),
      changePassword({ old: "Owner-Start-1", new: "Owner-Second-2", double: "Owner-Second-2" }),
    ]);

    expect([first.status, second.status].sort()).toEqual([200, 400]);
    const loser = first.status === 400 ? first : second;
    expect(loser.body).toEqual({ errors: { old: ["Old password is incorrect"] } });
    const winnerPassword = first.status === 200 ? "Owner-First-2" : "Owner-Second-2";
    expect(emulator.passwordMatches(42, winnerPassword)).toBe(true);
  });

  test("response never contains a password", async () => {
    const response = await call(emulator.url, "PUT", PATH, {
      body: { old: "Owner-Start-1", new: "Owner-Next-2", double: "Owner-Next-2" },
      authorization: OWNER_AUTH,
    });
    const text = JSON.stringify(response.body);

    expect(text).not.toContain("Owner-Start-1");
    expect(text).not.toContain("Owner-Next-2");
  });
});
