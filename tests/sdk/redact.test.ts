import { createRedactor, REDACTED, sanitizeCause } from "../../sdk/redact";

describe("createRedactor", () => {
  const redact = createRedactor(["s3cret-pw", 'quo"te', "a b&c", undefined, ""]);

  test.each([
    ["exact secret", "old password s3cret-pw is wrong", `old password ${REDACTED} is wrong`],
    ["every occurrence", "s3cret-pw and s3cret-pw", `${REDACTED} and ${REDACTED}`],
    ["JSON-escaped form", '{"old":"quo\\"te"}', `{"old":"${REDACTED}"}`],
    ["URL-encoded form", "password=a%20b%26c", `password=${REDACTED}`],
    ["APIKey header value", "Authorization: APIKey 42_0123abcd", `Authorization: APIKey ${REDACTED}`],
    ["Bearer header value", "bearer abc.def.ghi1", `bearer ${REDACTED}`],
    ["JWT", "token eyJhbGciOi.eyJzdWIiOjF9.c2ln here", `token ${REDACTED} here`],
    ["URL user info", "https://user:pw@api.gcore.com/x", `https://${REDACTED}@api.gcore.com/x`],
    ["URL user info with @ in the password", "https://user:p@ss@w@rd@api.gcore.com/x@y", `https://${REDACTED}@api.gcore.com/x@y`],
    ["URL user info before a query", "http://u:pw@host?next=a@b", `http://${REDACTED}@host?next=a@b`],
    ["plain text", "Old password is incorrect", "Old password is incorrect"],
    ["setting names", "Set GCORE_API_KEY or pass apiKey (or accessToken)", "Set GCORE_API_KEY or pass apiKey (or accessToken)"],
  ])("replaces %s", (_case, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  test("replaces longer secret first", () => {
    const nested = createRedactor(["abc", "abcdef"]);

    expect(nested("xabcdefx abc")).toBe(`x${REDACTED}x ${REDACTED}`);
  });
});

describe("sanitizeCause", () => {
  test("keeps name, code and redacted message", () => {
    const original = Object.assign(new Error("connect failed for s3cret-pw"), {
      name: "AxiosError",
      code: "ECONNRESET",
      config: { headers: { Authorization: "APIKey s3cret-pw" } },
    });

    const cause = sanitizeCause(original, createRedactor(["s3cret-pw"]));

    expect(cause.message).toBe(`connect failed for ${REDACTED}`);
    expect(cause.name).toBe("AxiosError");
    expect((cause as Error & { code?: string }).code).toBe("ECONNRESET");
    expect(Object.keys(cause).sort()).toEqual(["code", "name"]);
  });

  test("wraps non-error values", () => {
    const cause = sanitizeCause("thrown s3cret-pw", createRedactor(["s3cret-pw"]));

    expect(cause).toBeInstanceOf(Error);
    expect(cause.message).toBe(`thrown ${REDACTED}`);
  });
});
