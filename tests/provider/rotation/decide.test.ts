import { DEFAULT_LIMITS, decideNextStep, stepAfterWait, type Observation } from "../../../provider/rotation/decide";

const tokens = { access: "access-jwt", refresh: "refresh-jwt" };
const boom = new Error("socket hang up");

const changed: Observation = { call: "change", outcome: { kind: "changed", tokens } };
const changeLimited: Observation = { call: "change", outcome: { kind: "rate-limited", retryAfterSeconds: 7 } };
const changeLimitedNoHeader: Observation = { call: "change", outcome: { kind: "rate-limited" } };
const changeLimitedLong: Observation = { call: "change", outcome: { kind: "rate-limited", retryAfterSeconds: 3600 } };
const oldRejected: Observation = { call: "change", outcome: { kind: "old-rejected" } };
const newRejected: Observation = { call: "change", outcome: { kind: "new-rejected", error: boom } };
const refused: Observation = { call: "change", outcome: { kind: "refused", error: boom } };
const changeUnknown: Observation = { call: "change", outcome: { kind: "unknown", error: boom } };
const loginWorks: Observation = { call: "login", outcome: { kind: "logs-in", tokens } };
const loginRejected: Observation = { call: "login", outcome: { kind: "rejected" } };
const loginLimited: Observation = { call: "login", outcome: { kind: "rate-limited", retryAfterSeconds: 1 } };
const loginUnknown: Observation = { call: "login", outcome: { kind: "unknown", error: boom } };

describe("decideNextStep", () => {
  test.each<[string, Observation[], string, string]>([
    ["start", [], "send-change", ""],
    ["change succeeded", [changed], "succeed", ""],
    ["change rate limited", [changeLimited], "wait", ""],
    ["change rate limited twice", [changeLimited, changeLimited], "wait", ""],
    ["change rate limited to the limit", [changeLimited, changeLimited, changeLimited], "fail", "rate-limited"],
    ["old password rejected", [oldRejected], "log-in-with-new", ""],
    ["new password rejected", [newRejected], "fail", "new-rejected"],
    ["request refused", [refused], "fail", "refused"],
    ["change outcome unknown", [changeUnknown], "log-in-with-new", ""],
    ["unknown then new logs in", [changeUnknown, loginWorks], "succeed", ""],
    ["old rejected then new logs in", [oldRejected, loginWorks], "succeed", ""],
    ["old rejected then new rejected", [oldRejected, loginRejected], "fail", "neither-password-works"],
    ["unknown then new rejected", [changeUnknown, loginRejected], "fail", "change-not-confirmed"],
    ["declared password rejected", [loginRejected], "fail", "neither-password-works"],
    ["unknown then login rate limited", [changeUnknown, loginLimited], "wait", ""],
    ["login rate limited to the limit", [changeUnknown, loginLimited, loginLimited, loginLimited], "fail", "outcome-unknown"],
    ["unknown then login unknown", [changeUnknown, loginUnknown], "fail", "outcome-unknown"],
    ["old rejected then login limited out", [oldRejected, loginLimited, loginLimited, loginLimited], "fail", "old-rejected-unverified"],
  ])("%s", (_case, observations, action, reason) => {
    const step = decideNextStep(observations);

    expect(step.action).toBe(action);
    if (reason !== "") {
      expect(step).toMatchObject({ reason });
    }
  });

  test("success by change keeps its tokens", () => {
    expect(decideNextStep([changed])).toEqual({ action: "succeed", tokens, confirmedBy: "change" });
  });

  test("success by login keeps its tokens", () => {
    expect(decideNextStep([oldRejected, loginWorks])).toEqual({ action: "succeed", tokens, confirmedBy: "login" });
  });

  test("wait honours Retry-After", () => {
    expect(decideNextStep([changeLimited])).toEqual({ action: "wait", seconds: 7 });
  });

  test("wait without Retry-After uses default", () => {
    expect(decideNextStep([changeLimitedNoHeader])).toEqual({ action: "wait", seconds: DEFAULT_LIMITS.defaultRetryAfterSeconds });
  });

  test("wait caps long Retry-After", () => {
    expect(decideNextStep([changeLimitedLong])).toEqual({ action: "wait", seconds: DEFAULT_LIMITS.maxRetryAfterSeconds });
  });

  test("never sends the change after an unknown outcome", () => {
    const sequences: Observation[][] = [[changeUnknown], [changeUnknown, loginLimited], [oldRejected]];
    for (const observations of sequences) {
      const step = decideNextStep(observations);
      const next = step.action === "wait" ? stepAfterWait(observations) : step;
      expect(next.action).not.toBe("send-change");
    }
  });

  test("at most one failed attempt of each kind", () => {
    const worst: Observation[] = [oldRejected, loginRejected];

    expect(decideNextStep(worst).action).toBe("fail");
    expect(worst.filter((observation) => observation.call === "login")).toHaveLength(1);
  });
});

describe("stepAfterWait", () => {
  test("repeats a rate-limited change", () => {
    expect(stepAfterWait([changeLimited])).toEqual({ action: "send-change" });
  });

  test("repeats a rate-limited login", () => {
    expect(stepAfterWait([changeUnknown, loginLimited])).toEqual({ action: "log-in-with-new" });
  });
});

describe("decideNextStep with a pending password", () => {
  const pendingWorks: Observation = { call: "pending-login", outcome: { kind: "logs-in", tokens } };
  const pendingRejected: Observation = { call: "pending-login", outcome: { kind: "rejected" } };
  const pendingUnknown: Observation = { call: "pending-login", outcome: { kind: "unknown", error: boom } };
  const pendingLimited: Observation = { call: "pending-login", outcome: { kind: "rate-limited", retryAfterSeconds: 1 } };
  const locked: Observation = { call: "login", outcome: { kind: "locked", error: boom } };
  const desiredPending = { hasPending: true, pendingIsDesired: true, storedKnownBad: false };
  const olderPending = { hasPending: true, pendingIsDesired: false, storedKnownBad: false };
  const badStored = { hasPending: true, pendingIsDesired: true, storedKnownBad: true };

  test.each<[string, Observation[], typeof desiredPending, string, string]>([
    ["starts with pending log-in", [], desiredPending, "log-in-with-pending", ""],
    ["pending is desired and works", [pendingWorks], desiredPending, "succeed", ""],
    ["older pending works", [pendingWorks], olderPending, "send-change", ""],
    ["pending rejected", [pendingRejected], desiredPending, "send-change", ""],
    ["pending and stored rejected", [pendingRejected], badStored, "fail", "neither-password-works"],
    ["pending rejected then old rejected", [pendingRejected, oldRejected], desiredPending, "fail", "neither-password-works"],
    ["pending check unknown", [pendingUnknown], desiredPending, "fail", "outcome-unknown"],
    ["pending check rate limited", [pendingLimited], desiredPending, "wait", ""],
  ])("%s", (_case, observations, start, action, reason) => {
    const step = decideNextStep(observations, DEFAULT_LIMITS, start);

    expect(step.action).toBe(action);
    if (reason !== "") {
      expect(step).toMatchObject({ reason });
    }
  });

  test("old rejected then login unknown", () => {
    expect(decideNextStep([oldRejected, loginUnknown])).toMatchObject({ action: "fail", reason: "old-rejected-unverified" });
  });

  test("locked account stops everything", () => {
    expect(decideNextStep([changeUnknown, locked])).toMatchObject({ action: "fail", reason: "account-locked" });
  });

  test("wait repeats pending log-in", () => {
    expect(stepAfterWait([pendingLimited])).toEqual({ action: "log-in-with-pending" });
  });
});
