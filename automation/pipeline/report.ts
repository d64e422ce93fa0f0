import type { PipelineCommand } from "./arguments";
import { EXIT_CODES, type ExitCode } from "./exit-codes";
import { stopExitCode, type StopSignal } from "./interruption";
import type { OutcomeKind, ResourceOutcome } from "./outcomes";

/** How many resources ended in each outcome. */
export type OutcomeCounts = Record<OutcomeKind, number>;

/** The result of one pipeline run: what `--json` prints, and what the text summary is made of. */
export interface PipelineReport {
  /** The operation that ran. */
  command: PipelineCommand;
  /** The stack name. */
  stack: string;
  /** True for `preview`: the counts are changes that `up` would make. */
  dryRun: boolean;
  /**
   * The result: "succeeded" or "failed" for `up`, and "no-changes", "changes-pending" or "failed" for
   * `preview`. Either is "interrupted" when SIGINT or SIGTERM stopped it.
   */
  result: "succeeded" | "failed" | "no-changes" | "changes-pending" | "interrupted";
  /** The process exit code. */
  exitCode: ExitCode;
  /** How many resources ended in each outcome. */
  counts: OutcomeCounts;
  /** One entry per resource, in the order the engine finished them. */
  resources: ResourceOutcome[];
  /** The error messages the engine reported, with secrets replaced by [REDACTED]. */
  errors: string[];
  /** Problems that the run leaves for the next one, such as stack outputs that are not usable or a stack lock. */
  warnings: string[];
  /** The signal that stopped the run, when one did. */
  interruptedBy?: StopSignal;
  /** The command line that applies this run's changes: `up` with the same stack, folder and program. */
  upCommand?: string;
  /** The value of the GCORE_ROTATE_NOW test hook when it is set. */
  clockOverride?: string;
}

const OUTCOME_ORDER: OutcomeKind[] = ["rotated", "created", "updated", "replaced", "deleted", "unchanged", "failed"];

/** The words a preview uses for each outcome. */
const PENDING_WORDS: Record<OutcomeKind, string> = {
  rotated: "to rotate",
  created: "to create",
  updated: "to update",
  replaced: "to replace",
  deleted: "to delete",
  unchanged: "unchanged",
  failed: "failed",
};

/** Counts the outcomes. Every kind is present, zero included. */
export function countOutcomes(resources: ResourceOutcome[]): OutcomeCounts {
  const counts = Object.fromEntries(OUTCOME_ORDER.map((kind) => [kind, 0])) as OutcomeCounts;
  for (const resource of resources) {
    counts[resource.outcome] += 1;
  }
  return counts;
}

/**
 * Decides the result and exit code. A stop signal decides both, whatever else happened. A preview
 * has pending changes when the engine counted any step other than "same", which also covers
 * resources this report does not list, such as providers.
 */
export function decideResult(
  command: PipelineCommand,
  failed: boolean,
  engineChanges: Record<string, number>,
  interruptedBy?: StopSignal,
): Pick<PipelineReport, "result" | "exitCode"> {
  if (interruptedBy) {
    return { result: "interrupted", exitCode: stopExitCode(interruptedBy) };
  }
  if (failed) {
    return { result: "failed", exitCode: EXIT_CODES.failure };
  }
  if (command === "up") {
    return { result: "succeeded", exitCode: EXIT_CODES.success };
  }
  const pending = Object.entries(engineChanges).some(([op, count]) => op !== "same" && count > 0);
  return pending ? { result: "changes-pending", exitCode: EXIT_CODES.changesPending } : { result: "no-changes", exitCode: EXIT_CODES.success };
}

/** Formats the progress line of one resource, such as "rotated    gcore:UserPassword  admin  (password input changed)". */
export function formatProgressLine(resource: ResourceOutcome, dryRun: boolean): string {
  const word = dryRun ? PENDING_WORDS[resource.outcome] : resource.outcome;
  const details: string[] = [];
  if (resource.reason && resource.outcome !== "unchanged") {
    details.push(resource.reason);
  }
  if (resource.nextRotationAt) {
    details.push(`next rotation ${resource.nextRotationAt}`);
  }
  const suffix = details.length > 0 ? `  (${details.join(", ")})` : "";
  return `${word.padEnd(10)} ${resource.type}  ${resource.name}${suffix}`;
}

/** Formats the closing lines: the counts, the errors and what the exit code means. */
export function formatSummary(report: PipelineReport): string {
  const words = report.dryRun ? PENDING_WORDS : (Object.fromEntries(OUTCOME_ORDER.map((kind) => [kind, kind])) as Record<OutcomeKind, string>);
  const counts = OUTCOME_ORDER.map((kind) => `${report.counts[kind]} ${words[kind]}`).join(", ");
  const lines = [`${report.dryRun ? "Preview" : "Up"} of stack ${report.stack}: ${counts}.`];

  for (const error of report.errors) {
    lines.push(`error: ${error}`);
  }
  for (const warning of report.warnings) {
    lines.push(`warning: ${warning}`);
  }
  lines.push(closingLine(report));
  return lines.join("\n");
}

function closingLine(report: PipelineReport): string {
  switch (report.result) {
    case "failed":
      return `Exit ${report.exitCode}: the ${report.command} failed. The errors above say what to fix; run it again afterwards.`;
    case "changes-pending":
      return `Exit ${report.exitCode}: changes are pending. Run ${report.upCommand ?? `gcore-rotate-pipeline up --stack ${report.stack}`} to apply them.`;
    case "no-changes":
      return `Exit ${report.exitCode}: nothing to change.`;
    case "succeeded":
      return `Exit ${report.exitCode}: the update finished.`;
    case "interrupted":
      return `Exit ${report.exitCode}: ${report.interruptedBy ?? "a signal"} stopped the ${report.command} before it finished. Run it again.`;
  }
}
