import { checkInputs, UNKNOWN_VALUE } from "../../provider/inputs";

const NEW = "New-Password-1";
const CURRENT = "Current-Password-1";

describe("checkInputs", () => {
  test.each([
    ["missing userId", { currentPassword: CURRENT, password: NEW }, "userId", "userId is missing"],
    ["zero userId", { userId: 0, currentPassword: CURRENT, password: NEW }, "userId", "userId 0 is not a positive integer"],
    ["negative userId", { userId: -5, currentPassword: CURRENT, password: NEW }, "userId", "userId -5 is not a positive integer"],
    ["fractional userId", { userId: 4.5, currentPassword: CURRENT, password: NEW }, "userId", "userId 4.5 is not a positive integer"],
    ["word userId", { userId: "abc", currentPassword: CURRENT, password: NEW }, "userId", "userId (a string) is not a positive integer"],
    ["missing password", { userId: 42, currentPassword: CURRENT }, "password", "password is missing"],
    ["empty password", { userId: 42, currentPassword: CURRENT, password: "" }, "password", "password is empty"],
    ["blank password", { userId: 42, currentPassword: CURRENT, password: "   " }, "password", "password is empty"],
    ["padded password", { userId: 42, currentPassword: CURRENT, password: `${NEW}\n` }, "password", "starts or ends with whitespace"],
    ["unsafe integer userId", { userId: 2 ** 53 + 2, currentPassword: CURRENT, password: NEW }, "userId", "userId 9007199254740994 is larger than 9007199254740991"],
    ["long digit string userId", { userId: "12345678901234567890", currentPassword: CURRENT, password: NEW }, "userId", 'userId "12345678901234567890" is larger than 9007199254740991'],
    ["numeric password", { userId: 42, currentPassword: CURRENT, password: 1234 }, "password", "must be a string, but it is a number."],
    ["object password", { userId: 42, currentPassword: CURRENT, password: { value: NEW } }, "password", "must be a string, but it is an object."],
    ["array password", { userId: 42, currentPassword: CURRENT, password: [NEW] }, "password", "must be a string, but it is an array."],
    ["boolean password", { userId: 42, currentPassword: CURRENT, password: true }, "password", "must be a string, but it is a boolean."],
    ["missing currentPassword", { userId: 42, password: NEW }, "currentPassword", "currentPassword is missing"],
    ["empty currentPassword", { userId: 42, currentPassword: "", password: NEW }, "currentPassword", "currentPassword is empty"],
    ["password equal to current", { userId: 42, currentPassword: NEW, password: NEW }, "password", "equal to currentPassword"],
    ["word adopt", { userId: 42, currentPassword: CURRENT, password: NEW, adopt: "yes" }, "adopt", "adopt (a string) is not a boolean"],
    ["word verifyOnRefresh", { userId: 42, currentPassword: CURRENT, password: NEW, verifyOnRefresh: "on" }, "verifyOnRefresh", "verifyOnRefresh (a string) is not a boolean"],
  ])("rejects %s", (_case, news, property, reason) => {
    const result = checkInputs({}, news);

    expect(result.failures).toHaveLength(1);
    expect(result.failures?.[0].property).toBe(property);
    expect(result.failures?.[0].reason).toContain(reason);
  });

  test("failures never quote passwords", () => {
    const secret = "Very-Secret-Value-7";
    const result = checkInputs({}, { userId: 42, currentPassword: secret, password: secret });

    expect(result.failures).toHaveLength(1);
    expect(JSON.stringify(result.failures).includes(secret)).toBe(false);
  });

  test.each(["userId", "adopt", "verifyOnRefresh"])("secret in %s is not quoted", (input) => {
    const secret = "Wired-Into-The-Wrong-Input-8";
    const result = checkInputs({}, { userId: 42, currentPassword: CURRENT, password: NEW, [input]: secret });

    expect(result.failures?.map((failure) => failure.property)).toEqual([input]);
    expect(JSON.stringify(result.failures).includes(secret)).toBe(false);
  });

  test("accepts valid inputs", () => {
    const result = checkInputs({}, { userId: 42, currentPassword: CURRENT, password: NEW });

    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({ userId: 42, currentPassword: CURRENT, password: NEW, passwordVersion: 1, rotationReason: "first creation" });
  });

  test("adopt allows equal passwords", () => {
    const result = checkInputs({}, { userId: 42, currentPassword: NEW, password: NEW, adopt: true });

    expect(result.failures).toEqual([]);
    expect(result.inputs?.rotationReason).toBe("account adopted");
  });

  test("converts numeric-string userId", () => {
    const result = checkInputs({}, { userId: "42", currentPassword: CURRENT, password: NEW });

    expect(result.failures).toEqual([]);
    expect(result.inputs?.userId).toBe(42);
  });

  test("passes unknown values during preview", () => {
    const result = checkInputs({}, { userId: UNKNOWN_VALUE, currentPassword: UNKNOWN_VALUE, password: UNKNOWN_VALUE });

    expect(result.failures).toEqual([]);
  });

  test("ignores currentPassword after creation", () => {
    const olds = { userId: 42, currentPassword: CURRENT, password: NEW };

    const result = checkInputs(olds, { userId: 42, password: "Next-Password-2" });

    expect(result.failures).toEqual([]);
  });
});
