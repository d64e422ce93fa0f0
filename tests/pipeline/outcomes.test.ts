import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";

import { failedOutcomeFromDiagnostic, outcomeFromEvent } from "../../automation/pipeline/outcomes";

const STACK = "urn:pulumi:prod::gcore::";
const GENERATED = "pulumi-nodejs:dynamic/gcore:GeneratedPassword";
const USER = "pulumi-nodejs:dynamic/gcore:UserPassword";
/** How the engine shows a secret value in events. */
const MASKED_SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "[secret]" };

function state(type: string, name: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> = {}): StepEventMetadata["new"] {
  return { type, urn: `${STACK}${type}::${name}`, id: "id", parent: "", inputs, outputs, provider: "" };
}

function completed(op: string, type: string, name: string, olds?: Record<string, unknown>, news?: Record<string, unknown>, outputs?: Record<string, unknown>): EngineEvent {
  const metadata = {
    op,
    urn: `${STACK}${type}::${name}`,
    type,
    old: olds ? state(type, name, olds) : undefined,
    new: news ? state(type, name, news, outputs) : undefined,
    provider: "",
  } as StepEventMetadata;
  return { sequence: 1, timestamp: 0, resOutputsEvent: { metadata } };
}

describe("outcomeFromEvent", () => {
  test("generator rotation with plain details", () => {
    const event = completed(
      "update",
      GENERATED,
      "admin-generated",
      { rotationCount: 1, rotationReason: "first generation" },
      { rotationCount: 2, rotationReason: "rotation period elapsed", nextRotationAt: "2026-03-02T00:00:00.000Z" },
      { result: MASKED_SECRET, rotatedAt: "2026-01-31T09:00:00.000Z", rotationCount: 2 },
    );

    expect(outcomeFromEvent(event)).toEqual({
      urn: `${STACK}${GENERATED}::admin-generated`,
      type: "gcore:GeneratedPassword",
      name: "admin-generated",
      outcome: "rotated",
      reason: "rotation period elapsed",
      rotationCount: 2,
      rotatedAt: "2026-01-31T09:00:00.000Z",
      nextRotationAt: "2026-03-02T00:00:00.000Z",
    });
  });

  test("generator schedule change is an update", () => {
    const event = completed("update", GENERATED, "g", { rotationCount: 1, rotateAfter: "30d" }, { rotationCount: 1, rotateAfter: "7d" });

    expect(outcomeFromEvent(event)?.outcome).toBe("updated");
  });

  test("update keeps no earlier reason", () => {
    const event = completed(
      "update",
      GENERATED,
      "g",
      { rotationCount: 2, rotationReason: "keepers changed", rotateAfter: "30d" },
      { rotationCount: 2, rotationReason: "keepers changed", rotateAfter: "7d", nextRotationAt: "2026-03-09T00:00:00.000Z" },
    );

    const outcome = outcomeFromEvent(event);

    expect(outcome).toMatchObject({ outcome: "updated", rotationCount: 2, nextRotationAt: "2026-03-09T00:00:00.000Z" });
    expect(outcome).not.toHaveProperty("reason");
  });

  test.each([["same"], ["delete"], ["refresh"]])("op %s keeps no earlier reason", (op) => {
    const values = { rotationCount: 1, rotationReason: "rotation period elapsed" };

    expect(outcomeFromEvent(completed(op, GENERATED, "g", values, values))).not.toHaveProperty("reason");
  });

  test.each([
    ["create", "first generation"],
    ["create-replacement", "keepers changed"],
  ])("op %s shows the new reason", (op, reason) => {
    const event = completed(op, GENERATED, "g", undefined, { rotationCount: 1, rotationReason: reason });

    expect(outcomeFromEvent(event)?.reason).toBe(reason);
  });

  test("unknown generator count is a rotation", () => {
    const event = completed("update", GENERATED, "g", { rotationCount: 1 }, { rotationCount: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });

    expect(outcomeFromEvent(event)).toMatchObject({ outcome: "rotated" });
    expect(outcomeFromEvent(event)).not.toHaveProperty("rotationCount");
  });

  test("user password version change is a rotation", () => {
    const event = completed("update", USER, "admin", { passwordVersion: 1 }, { passwordVersion: 2, rotationReason: "password input changed" });

    expect(outcomeFromEvent(event)).toMatchObject({ type: "gcore:UserPassword", outcome: "rotated", reason: "password input changed" });
  });

  test("user update without new version", () => {
    const event = completed("update", USER, "admin", { passwordVersion: 2 }, { passwordVersion: 2, rotationReason: "current password declared" });

    expect(outcomeFromEvent(event)?.outcome).toBe("updated");
  });

  test.each([
    ["same", "unchanged"],
    ["read", "unchanged"],
    ["refresh", "unchanged"],
    ["create", "created"],
    ["import", "created"],
    ["delete", "deleted"],
    ["replace", "replaced"],
    ["create-replacement", "replaced"],
    ["delete-replaced", "replaced"],
    ["update", "updated"],
  ])("op %s is %s", (op, outcome) => {
    expect(outcomeFromEvent(completed(op, "aws:s3/bucket:Bucket", "b", {}, {}))?.outcome).toBe(outcome);
  });

  test("failed step is failed", () => {
    const metadata = { op: "update", urn: `${STACK}${USER}::admin`, type: USER, provider: "" } as StepEventMetadata;

    expect(outcomeFromEvent({ sequence: 1, timestamp: 0, resOpFailedEvent: { metadata, status: 1, steps: 0 } })?.outcome).toBe("failed");
  });

  test.each([["pulumi:pulumi:Stack"], ["pulumi:providers:pulumi-nodejs"]])("skips %s", (type) => {
    expect(outcomeFromEvent(completed("same", type, "x", {}, {}))).toBeUndefined();
  });

  test("skips events without a step", () => {
    expect(outcomeFromEvent({ sequence: 1, timestamp: 0, diagnosticEvent: { message: "m", color: "never", severity: "info" } })).toBeUndefined();
  });

  test("failed step shows no reason", () => {
    const metadata = {
      op: "update",
      urn: `${STACK}${USER}::admin`,
      type: USER,
      old: state(USER, "admin", { passwordVersion: 1, rotationReason: "first creation" }),
      new: state(USER, "admin", { passwordVersion: 2, rotationReason: "password input changed" }),
      provider: "",
    } as StepEventMetadata;

    const outcome = outcomeFromEvent({ sequence: 1, timestamp: 0, resOpFailedEvent: { metadata, status: 1, steps: 0 } });

    expect(outcome?.outcome).toBe("failed");
    expect(outcome).not.toHaveProperty("reason");
  });

  test("copies no secret or unexpected value", () => {
    const planted = "Canary-outcome-secret-1234";
    const event = completed(
      "update",
      GENERATED,
      "g",
      { rotationCount: 1 },
      { rotationCount: 2, rotationReason: planted, nextRotationAt: planted },
      { result: planted, rotatedAt: MASKED_SECRET, rotationCount: 2 },
    );

    const outcome = outcomeFromEvent(event);

    expect(JSON.stringify(outcome)).not.toContain(planted);
    expect(outcome).not.toHaveProperty("reason");
    expect(outcome).not.toHaveProperty("rotatedAt");
    expect(outcome).not.toHaveProperty("nextRotationAt");
  });
});

describe("failedOutcomeFromDiagnostic", () => {
  const diagnostic = (urn: string | undefined, severity: "error" | "warning" = "error"): EngineEvent => ({
    sequence: 1,
    timestamp: 0,
    diagnosticEvent: { urn, message: "rotateAfter \"bogus\" is invalid.", color: "never", severity },
  });

  test("rejected inputs are failed", () => {
    expect(failedOutcomeFromDiagnostic(diagnostic(`${STACK}${GENERATED}::admin-generated`))).toEqual({
      urn: `${STACK}${GENERATED}::admin-generated`,
      type: "gcore:GeneratedPassword",
      name: "admin-generated",
      outcome: "failed",
    });
  });

  test("child resource type drops parents", () => {
    const urn = `${STACK}my:component:Accounts$${USER}::admin`;

    expect(failedOutcomeFromDiagnostic(diagnostic(urn))).toMatchObject({ type: "gcore:UserPassword", name: "admin", outcome: "failed" });
  });

  test.each([
    ["warning", `${STACK}${GENERATED}::g`, "warning"],
    ["stack error", `${STACK}pulumi:pulumi:Stack::gcore-prod`, "error"],
    ["provider error", `${STACK}pulumi:providers:pulumi-nodejs::default`, "error"],
    ["error without urn", undefined, "error"],
  ] as const)("skips %s", (_case, urn, severity) => {
    expect(failedOutcomeFromDiagnostic(diagnostic(urn, severity))).toBeUndefined();
  });

  test("skips other events", () => {
    expect(failedOutcomeFromDiagnostic(completed("update", GENERATED, "g", {}, {}))).toBeUndefined();
  });
});
