import { decodeTokenExpiry, GcoreResponseError } from "../../sdk";
import { fakeJwt } from "./support/tokens";

describe("decodeTokenExpiry", () => {
  test("reads exp claim", () => {
    expect(decodeTokenExpiry(fakeJwt({ token_type: "access", exp: 1_900_000_000 }))).toEqual(new Date(1_900_000_000_000));
  });

  test("reads fractional exp", () => {
    expect(decodeTokenExpiry(fakeJwt({ exp: 1.5 })).getTime()).toBe(1500);
  });

  test.each([
    ["two parts", "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9", "The token is not a JWT"],
    ["four parts", `${fakeJwt({ exp: 1 })}.extra`, "The token is not a JWT"],
    ["empty payload", "eyJhbGciOiJSUzI1NiJ9..c2ln", "The token is not a JWT"],
    ["payload not base64url", "eyJhbGciOiJSUzI1NiJ9.e+y/J.c2ln", "The token is not a JWT"],
    ["payload not JSON", `eyJhbGciOiJSUzI1NiJ9.${Buffer.from("not json").toString("base64url")}.c2ln`, "The token's payload is not base64url-encoded JSON."],
    ["payload an array", `eyJhbGciOiJSUzI1NiJ9.${Buffer.from("[1]").toString("base64url")}.c2ln`, "The token's payload is not a JSON object."],
    ["no exp", fakeJwt({ sub: "7" }), "The token has no valid numeric exp claim"],
    ["string exp", fakeJwt({ exp: "1900000000" }), "The token has no valid numeric exp claim"],
    ["exp out of range", fakeJwt({ exp: 1e300 }), "The token has no valid numeric exp claim"],
  ])("rejects %s", (_case, token, message) => {
    expect(() => decodeTokenExpiry(token)).toThrow(GcoreResponseError);
    expect(() => decodeTokenExpiry(token)).toThrow(message);
  });

  test("error omits the token", () => {
    const token = fakeJwt({ sub: "7" }, "SignatureCanary");

    try {
      decodeTokenExpiry(token);
      throw new Error("expected decodeTokenExpiry to throw");
    } catch (error) {
      expect(error).toBeInstanceOf(GcoreResponseError);
      expect(String(error)).not.toContain("SignatureCanary");
      expect((error as GcoreResponseError).method).toBeUndefined();
    }
  });
});
