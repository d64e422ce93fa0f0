import { Contract } from "./support/contract";

const contract = new Contract();
const JWT = "eyJ0eXAiOiJKV1QifQ.eyJleHAiOjF9.c2ln";

const USER = {
  id: 42,
  email: "owner@example.com",
  name: null,
  lang: "en",
  phone: null,
  company: "Example Company",
  reseller: 1,
  client: 1000,
  deleted: false,
  groups: [{ id: 1, name: "Administrators" }],
  activated: true,
  sso_auth: false,
  two_fa: false,
  auth_types: ["password"],
  user_type: "common",
  is_active: true,
};

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

describe("contract schemas", () => {
  test("operations are the four calls", () => {
    expect(contract.operations()).toEqual([
      { method: "PUT", template: "/iam/users/{userId}/password", statuses: ["200", "400", "401", "403", "429", "5XX"] },
      { method: "POST", template: "/iam/auth/jwt/login", statuses: ["200", "400", "401", "403", "429", "5XX"] },
      { method: "POST", template: "/iam/auth/jwt/refresh", statuses: ["200", "400", "401", "429", "5XX"] },
      { method: "GET", template: "/iam/users/{userId}", statuses: ["200", "401", "403", "404", "429", "5XX"] },
    ]);
  });

  test.each([
    ["TokenPair", { refresh: JWT, access: JWT }],
    ["UserPublic", USER],
    ["ErrorDetail", { detail: "Token is blacklisted", code: "token_not_valid" }],
    ["FieldErrors", { errors: { old: ["Old password is incorrect"] } }],
    ["JsonParseError", { message: "JSON parse error - Unexpected token" }],
    ["ChangePasswordRequest", { old: "a", new: "b", double: "b" }],
    ["LoginRequest", { username: "a@example.com", password: "b", one_time_password: null }],
    ["RefreshRequest", { refresh: JWT }],
  ])("%s accepts a valid value", (name, value) => {
    expect(contract.checkSchema(name, value)).toEqual([]);
  });

  test.each([
    ["TokenPair", "a renamed field", { refresh_token: JWT, access: JWT }],
    ["TokenPair", "an extra field", { refresh: JWT, access: JWT, expires_in: 3600 }],
    ["TokenPair", "a token that is not a JWT", { refresh: "opaque", access: JWT }],
    ["UserPublic", "a renamed field", { ...USER, twoFa: USER.two_fa, two_fa: undefined }],
    ["UserPublic", "an unknown user_type", { ...USER, user_type: "owner" }],
    ["UserPublic", "a group without a name", { ...USER, groups: [{ id: 1 }] }],
    ["ErrorDetail", "an extra field", { detail: "x", status: 401 }],
    ["ErrorDetail", "an unknown code", { detail: "x", code: "expired" }],
    ["FieldErrors", "a message that is not a list", { errors: { old: "Old password is incorrect" } }],
    ["FieldErrors", "a bare field map", { old: ["Old password is incorrect"] }],
    ["ChangePasswordRequest", "a renamed confirmation", { old: "a", new: "b", confirm: "b" }],
    ["ChangePasswordRequest", "an empty password", { old: "", new: "b", double: "b" }],
    ["LoginRequest", "an extra field", { username: "a", password: "b", remember: true }],
    ["RefreshRequest", "a missing token", {}],
  ])("%s rejects %s", (name, _case, value) => {
    expect(contract.checkSchema(name, JSON.parse(JSON.stringify(value))).length).toBeGreaterThan(0);
  });

  test("429 Retry-After is read as a header", () => {
    const response = json(429, { detail: "Rate limit exceeded" }, { "retry-after": "5" });

    expect(contract.checkResponse("GET", "/iam/users/42", response)).toEqual([]);
  });

  test("5xx matches the 5XX range", () => {
    expect(contract.checkResponse("POST", "/iam/auth/jwt/refresh", json(503, { detail: "Service Unavailable" }))).toEqual([]);
  });

  test("non-JSON error body fails", () => {
    const response = { status: 502, headers: { "content-type": "text/html" }, body: "<html>Bad Gateway</html>" };

    expect(contract.checkResponse("GET", "/iam/users/42", response)).toEqual(['GET /iam/users/{userId} 502 has Content-Type "text/html", not application/json']);
  });

  test("unknown path fails", () => {
    expect(contract.checkResponse("GET", "/iam/clients/me", json(200, {}))).toEqual(["GET /iam/clients/me matches no operation of the contract"]);
  });

  test("request credentials follow security", () => {
    const change = { method: "PUT", path: "/iam/users/42/password", headers: { "content-type": "application/json" }, body: JSON.stringify({ old: "a", new: "b", double: "b" }) };
    const login = { method: "POST", path: "/iam/auth/jwt/login", headers: { "content-type": "application/json", authorization: "APIKey 1_ab" }, body: JSON.stringify({ username: "a", password: "b" }) };

    expect(contract.checkRequest(change)).toEqual(["PUT /iam/users/{userId}/password needs an Authorization header"]);
    expect(contract.checkRequest({ ...change, headers: { ...change.headers, authorization: "apikey 1_ab" } })).toEqual([]);
    expect(contract.checkRequest(login)).toEqual(["POST /iam/auth/jwt/login needs no credentials, but an Authorization header was sent"]);
  });

  test("user id must be positive", () => {
    const request = { method: "GET", path: "/iam/users/0", headers: { authorization: "APIKey 1_ab" }, body: "" };

    expect(contract.checkRequest(request)).toHaveLength(1);
  });
});
