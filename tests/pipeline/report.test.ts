import type { ResourceOutcome } from "../../automation/pipeline/outcomes";
import { countOutcomes, decideResult, formatProgressLine, formatSummary, type PipelineReport } from "../../automation/pipeline/report";
import { upCommandFor } from "../../automation/pipeline/run";

const ROTATED: ResourceOutcome = {
  urn: "urn:pulumi:prod::gcore::pulumi-nodejs:dynamic/gcore:GeneratedPassword::admin-generated",
  type: "gcore:GeneratedPassword",
  name: "admin-generated",
  outcome: "rotated",
  reason: "rotation period elapsed",
  nextRotationAt: "2026-03-02T00:00:00.000Z",
};
const UNCHANGED: ResourceOutcome = { ...ROTATED, name: "bob-generated", outcome: "unchanged", reason: "first generation" };
const UNUSABLE_OUTPUTS = "The outputs of the failed resources (bob-password) are not usable until the next successful up.";

describe("decideResult", () => {
  test.each([
    ["up", false, { update: 2, same: 1 }, "succeeded", 0],
    ["up", true, { update: 1 }, "failed", 1],
    ["preview", false, { same: 3 }, "no-changes", 0],
    ["preview", false, {}, "no-changes", 0],
    ["preview", false, { same: 2, update: 1 }, "changes-pending", 3],
    ["preview", false, { create: 1 }, "changes-pending", 3],
    ["preview", false, { same: 2, delete: 0 }, "no-changes", 0],
    ["preview", true, { same: 3 }, "failed", 1],
  ] as const)("%s, failed %s, %j", (command, failed, changes, result, exitCode) => {
    expect(decideResult(command, failed, changes)).toEqual({ result, exitCode });
  });

  test.each([
    ["up", false, "SIGTERM", 143],
    ["up", true, "SIGTERM", 143],
    ["up", true, "SIGINT", 130],
    ["preview", false, "SIGINT", 130],
  ] as const)("%s, failed %s, stopped by %s", (command, failed, signal, exitCode) => {
    expect(decideResult(command, failed, { update: 1 }, signal)).toEqual({ result: "interrupted", exitCode });
  });
});

describe("countOutcomes", () => {
  test("every kind is present", () => {
    expect(countOutcomes([ROTATED, UNCHANGED, UNCHANGED])).toEqual({ rotated: 1, created: 0, updated: 0, replaced: 0, deleted: 0, unchanged: 2, failed: 0 });
  });
});

describe("formatProgressLine", () => {
  test("up line with reason and next rotation", () => {
    expect(formatProgressLine(ROTATED, false)).toBe(
      "rotated    gcore:GeneratedPassword  admin-generated  (rotation period elapsed, next rotation 2026-03-02T00:00:00.000Z)",
    );
  });

  test("preview line uses pending words", () => {
    expect(formatProgressLine(ROTATED, true)).toMatch(/^to rotate  gcore:GeneratedPassword/);
  });

  test("unchanged line omits the old reason", () => {
    expect(formatProgressLine(UNCHANGED, false)).toBe("unchanged  gcore:GeneratedPassword  bob-generated  (next rotation 2026-03-02T00:00:00.000Z)");
  });

  test("line without details", () => {
    expect(formatProgressLine({ urn: "u", type: "aws:s3/bucket:Bucket", name: "logs", outcome: "created" }, false)).toBe("created    aws:s3/bucket:Bucket  logs");
  });
});

describe("formatSummary", () => {
  const report: PipelineReport = {
    command: "up",
    stack: "prod",
    dryRun: false,
    result: "failed",
    exitCode: 1,
    counts: countOutcomes([ROTATED, { ...UNCHANGED, outcome: "failed" }]),
    resources: [],
    errors: ["bob-password: Changing the password of Gcore user 43 failed."],
    warnings: [UNUSABLE_OUTPUTS],
  };

  test("failed up lists errors, warnings and the exit code", () => {
    expect(formatSummary(report).split("\n")).toEqual([
      "Up of stack prod: 1 rotated, 0 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged, 1 failed.",
      "error: bob-password: Changing the password of Gcore user 43 failed.",
      `warning: ${UNUSABLE_OUTPUTS}`,
      "Exit 1: the up failed. The errors above say what to fix; run it again afterwards.",
    ]);
  });

  test("interrupted up names the signal", () => {
    const summary = formatSummary({ ...report, result: "interrupted", exitCode: 143, interruptedBy: "SIGTERM", errors: ["update canceled"], warnings: [] });

    expect(summary.split("\n").slice(1)).toEqual(["error: update canceled", "Exit 143: SIGTERM stopped the up before it finished. Run it again."]);
  });

  test("preview without changes", () => {
    const summary = formatSummary({
      ...report,
      command: "preview",
      dryRun: true,
      result: "no-changes",
      exitCode: 0,
      errors: [],
      warnings: [],
      counts: countOutcomes([UNCHANGED]),
    });

    expect(summary).toBe("Preview of stack prod: 0 to rotate, 0 to create, 0 to update, 0 to replace, 0 to delete, 1 unchanged, 0 failed.\nExit 0: nothing to change.");
  });
});

describe("upCommandFor", () => {
  test("repeats stack, folder and program", () => {
    expect(upCommandFor({ stack: "prod", cwd: "/work/project", program: "/work/project/index.ts" }, "/work")).toBe(
      "gcore-rotate-pipeline up --stack prod --cwd project --program index.ts",
    );
  });

  test("omits current folder and program", () => {
    expect(upCommandFor({ stack: "org/prod", cwd: "/work/project" }, "/work/project")).toBe("gcore-rotate-pipeline up --stack org/prod");
  });

  test("quotes a folder with spaces", () => {
    expect(upCommandFor({ stack: "dev", cwd: "/home/me/my project", program: "/home/me/my project/src/main.ts" }, "/home/me")).toBe(
      "gcore-rotate-pipeline up --stack dev --cwd 'my project' --program src/main.ts",
    );
  });
});
