import type { AgentSetup, DirectResult } from "./direct-changes";
import type { RequestCounts } from "./emulator-process";
import type { EngineScenarioResult, OperationResult } from "./engine-scenario";

/** Everything one run measured for one stack size. */
export interface RunRecord {
  /** The stack of `UserPassword` resources. */
  provider: EngineScenarioResult;
  /** Floor B: the same stack with the no-op provider. */
  noop: EngineScenarioResult;
  /** Floor A: the same password changes made directly with the client. */
  direct: DirectResult & { requests: RequestCounts };
  /** Two requests per user, as a rotation sends, under each agent setup; measured for the largest size only. */
  keepAlive?: Partial<Record<AgentSetup, DirectResult>>;
}

/** The runs of one stack size. */
export interface SizeRecord {
  size: number;
  runs: RunRecord[];
}

/** The limits the benchmark checks at its largest size. */
export const TARGETS = { rotationRatio: 1.5, stateRatio: 2 } as const;

type EngineOperation = "create" | "rotate" | "preview";

const ROUTE_LABELS: Record<string, string> = {
  "GET /iam/users/{userId}": "GET user",
  "PUT /iam/users/{userId}/password": "PUT password",
  "POST /iam/auth/jwt/login": "login",
  "POST /iam/auth/jwt/refresh": "refresh",
  other: "other",
};

/** Returns the median; for an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The two costs the benchmark compares: elapsed time, and CPU time, which other load on the machine disturbs less. */
export type CostMetric = "wall" | "cpu";

/**
 * Formats the wall time or the CPU time of each operation against both floors, with the API calls
 * each operation made. Each ratio is taken within a run, and the table shows the median.
 */
export function formatCostTable(records: readonly SizeRecord[], metric: CostMetric): string {
  const unit = metric === "wall" ? "wall s" : "CPU s";
  const lines = [
    `| N | operation | this provider (${unit}) | floor A: direct calls (${unit}) | floor B: no-op stack (${unit}) | this provider / (A + B) | API calls (this provider) |`,
    "|---:|---|---:|---:|---:|---:|---|",
  ];
  for (const { size, runs } of records) {
    for (const operation of ["create", "rotate", "preview"] as const) {
      const provider = (run: RunRecord): number => operationCost(run.provider[operation], metric);
      const noop = (run: RunRecord): number => operationCost(run.noop[operation], metric);
      // A preview needs no API call, so its floor A is zero.
      const direct = (run: RunRecord): number => (operation === "preview" ? 0 : directCost(run.direct, metric));
      const ratio = median(runs.map((run) => provider(run) / (direct(run) + noop(run))));
      lines.push(
        `| ${size} | ${describeOperation(operation)} | ${seconds(runs.map(provider))} | ${seconds(runs.map(direct))} | ${seconds(runs.map(noop))} | ` +
          `${ratio.toFixed(2)} | ${formatRequests(runs.map((run) => run.provider[operation]))} |`,
      );
    }
  }
  return lines.join("\n");
}

/** Formats the state size, the serialized provider size and the dynamic-provider process's peak memory. */
export function formatFootprintTable(records: readonly SizeRecord[]): string {
  const lines = [
    "| N | state per resource: this provider (bytes) | floor B (bytes) | ratio | `__provider`: this provider (chars) | floor B (chars) | provider process peak RSS: this provider (MiB) | floor B (MiB) | provider processes per operation |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const { size, runs } of records) {
    const perResource = (result: EngineScenarioResult): number => result.checkpointBytes / size;
    const ratio = median(runs.map((run) => perResource(run.provider) / perResource(run.noop)));
    lines.push(
      `| ${size} | ${Math.round(median(runs.map((run) => perResource(run.provider))))} | ${Math.round(median(runs.map((run) => perResource(run.noop))))} | ` +
        `${ratio.toFixed(2)} | ${median(runs.map((run) => run.provider.providerChars))} | ${median(runs.map((run) => run.noop.providerChars))} | ` +
        `${mebibytes(runs.map((run) => peakKiB(run.provider)))} | ${mebibytes(runs.map((run) => peakKiB(run.noop)))} | ${processCounts(runs)} |`,
    );
  }
  return lines.join("\n");
}

/** Formats the connections opened, the wall time and the CPU time of each agent setup. */
export function formatKeepAliveTable(record: SizeRecord): string {
  const lines = [
    `| agent setup (N = ${record.size} users, 2 requests per user) | TCP connections | wall time (s) | CPU time (s) |`,
    "|---|---:|---:|---:|",
  ];
  const setups: AgentSetup[] = ["keep-alive per client", "keep-alive shared", "no keep-alive"];
  for (const setup of setups) {
    const results = record.runs.map((run) => run.keepAlive?.[setup]).filter((result): result is DirectResult => result !== undefined);
    if (results.length > 0) {
      lines.push(
        `| ${setup} | ${median(results.map((result) => result.connections))} | ${seconds(results.map((result) => result.seconds))} | ` +
          `${seconds(results.map((result) => result.cpuSeconds))} |`,
      );
    }
  }
  return lines.join("\n");
}

/** Checks the targets at one size and returns one line per target, each starting "met" or "MISSED". */
export function checkTargets(record: SizeRecord): string[] {
  const { size, runs } = record;
  const rotationRatio = median(runs.map((run) => run.provider.rotate.seconds / (run.direct.seconds + run.noop.rotate.seconds)));
  const rotationCpuRatio = median(runs.map((run) => run.provider.rotate.usage.cpuSeconds / (run.direct.cpuSeconds + run.noop.rotate.usage.cpuSeconds)));
  const previewCalls = Math.max(...runs.map((run) => totalRequests(run.provider.preview.requests)));
  const stateRatio = median(runs.map((run) => run.provider.checkpointBytes / run.noop.checkpointBytes));

  return [
    `${rotationRatio <= TARGETS.rotationRatio ? "met" : "MISSED"}: N = ${size} rotation takes ${rotationRatio.toFixed(2)} times the wall time of (floor A + floor B) ` +
      `and ${rotationCpuRatio.toFixed(2)} times its CPU time; the limit is ${TARGETS.rotationRatio}.`,
    `${previewCalls === 0 ? "met" : "MISSED"}: N = ${size} preview with nothing to change made ${previewCalls} API calls in its worst run; the limit is 0.`,
    `${stateRatio <= TARGETS.stateRatio ? "met" : "MISSED"}: N = ${size} state per resource is ${stateRatio.toFixed(2)} times floor B's; the limit is ${TARGETS.stateRatio}.`,
  ];
}

/** Lists the distinct numbers of provider processes that the operations of this provider started, such as "1". */
function processCounts(runs: readonly RunRecord[]): string {
  const counts = new Set(runs.flatMap((run) => [run.provider.create, run.provider.rotate, run.provider.preview].map((operation) => operation.usage.providerProcesses)));
  return [...counts].sort((a, b) => a - b).join(" or ");
}

function operationCost(operation: OperationResult, metric: CostMetric): number {
  return metric === "wall" ? operation.seconds : operation.usage.cpuSeconds;
}

function directCost(direct: DirectResult, metric: CostMetric): number {
  return metric === "wall" ? direct.seconds : direct.cpuSeconds;
}

function describeOperation(operation: EngineOperation): string {
  return { create: "`up`: create", rotate: "`up`: rotate all", preview: "`preview`: no change" }[operation];
}

function seconds(values: readonly number[]): string {
  return median(values).toFixed(2);
}

function mebibytes(values: ReadonlyArray<number | undefined>): string {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? "n/a" : (median(known) / 1024).toFixed(0);
}

function peakKiB(result: EngineScenarioResult): number | undefined {
  const peaks = [result.create, result.rotate, result.preview].map((operation) => operation.usage.providerPeakKiB).filter((value): value is number => value !== undefined);
  return peaks.length === 0 ? undefined : Math.max(...peaks);
}

/** Lists the median request count of every route that was called and the connections they used, such as "GET user 100, PUT password 100 (8 connections)". */
function formatRequests(operations: readonly OperationResult[]): string {
  const routes = Object.keys(ROUTE_LABELS);
  const parts = routes
    .map((route) => ({ route, count: median(operations.map((operation) => (operation.requests as Record<string, number> | undefined)?.[route] ?? 0)) }))
    .filter(({ count }) => count > 0)
    .map(({ route, count }) => `${ROUTE_LABELS[route]} ${count}`);
  if (parts.length === 0) {
    return "0";
  }
  const connections = median(operations.map((operation) => operation.connections ?? 0));
  return `${parts.join(", ")} (${connections} ${connections === 1 ? "connection" : "connections"})`;
}

function totalRequests(requests: RequestCounts | undefined): number {
  return Object.values(requests ?? {}).reduce<number>((sum, count) => sum + (count ?? 0), 0);
}
