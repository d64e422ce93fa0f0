import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { performance } from "node:perf_hooks";

/** How often the sampler reads /proc, in milliseconds. */
const SAMPLE_INTERVAL_MS = 50;

/** The CPU time and memory that the processes of one measured phase used. */
export interface ProcessUsage {
  /** User plus system CPU time of every tracked process during the phase, in seconds. */
  cpuSeconds: number;
  /** The largest VmHWM of a dynamic-provider process, in KiB; undefined when none ran. */
  providerPeakKiB?: number;
  /** How many dynamic-provider processes ran; one means every resource shared one provider. */
  providerProcesses: number;
}

/** Clock ticks per second of the CPU times in /proc/<pid>/stat. */
const CLOCK_TICKS_PER_SECOND = readClockTicks();

/**
 * Measures the CPU time and memory of one benchmark phase from /proc (Linux only).
 *
 * It tracks two kinds of processes. Long-lived ones, such as this process (the Automation API host
 * that runs the inline program) and the emulator, count with their CPU time between `start` and
 * `stop`. Short-lived ones are every process whose working directory is the phase's Pulumi project
 * folder: the Pulumi CLI, the `pulumi-resource-pulumi-nodejs` launcher and the dynamic-provider
 * process. They count with the CPU time they used while the sampler saw them, so up to one sample
 * interval before each exit is missed. The CPU time of the sampling itself is subtracted.
 */
export class PhaseSampler {
  private readonly projectDir: string | undefined;
  private readonly startTicks = new Map<number, number>();
  private readonly lastTicks = new Map<number, number>();
  private readonly peakKiBByProvider = new Map<number, number>();
  private samplingMs = 0;
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param projectDir the project folder whose processes count, or undefined for a phase without the engine
   * @param longLivedPids processes that run before and after the phase, this process included
   */
  constructor(
    projectDir: string | undefined,
    private readonly longLivedPids: readonly number[],
  ) {
    this.projectDir = projectDir === undefined ? undefined : fs.realpathSync(projectDir);
  }

  start(): void {
    this.startTicks.clear();
    this.lastTicks.clear();
    this.peakKiBByProvider.clear();
    this.samplingMs = 0;
    for (const pid of this.longLivedPids) {
      this.startTicks.set(pid, readCpuTicks(String(pid)) ?? 0);
    }
    this.sample();
    // Project processes already running at the start count only from here on.
    for (const [pid, ticks] of this.lastTicks) {
      this.startTicks.set(pid, ticks);
    }
    this.timer = setInterval(() => this.sample(), SAMPLE_INTERVAL_MS);
  }

  stop(): ProcessUsage {
    clearInterval(this.timer);
    this.sample();
    for (const pid of this.longLivedPids) {
      this.lastTicks.set(pid, readCpuTicks(String(pid)) ?? this.startTicks.get(pid) ?? 0);
    }

    let ticks = 0;
    for (const [pid, last] of this.lastTicks) {
      ticks += last - (this.startTicks.get(pid) ?? 0);
    }
    const peaks = [...this.peakKiBByProvider.values()];
    return {
      cpuSeconds: Math.max(0, ticks / CLOCK_TICKS_PER_SECOND - this.samplingMs / 1000),
      providerPeakKiB: peaks.length === 0 ? undefined : Math.max(...peaks),
      providerProcesses: peaks.length,
    };
  }

  private sample(): void {
    if (this.projectDir === undefined) {
      return;
    }
    const started = performance.now();

    for (const entry of fs.readdirSync("/proc")) {
      if (/^\d+$/.test(entry) && this.isProjectProcess(entry)) {
        this.recordProjectProcess(entry);
      }
    }

    this.samplingMs += performance.now() - started;
  }

  private isProjectProcess(pid: string): boolean {
    try {
      return fs.readlinkSync(`/proc/${pid}/cwd`) === this.projectDir;
    } catch {
      // The process ended, or belongs to another user.
      return false;
    }
  }

  private recordProjectProcess(pid: string): void {
    const ticks = readCpuTicks(pid);
    if (ticks !== undefined) {
      this.lastTicks.set(Number(pid), ticks);
    }
    const peakKiB = readProviderPeakKiB(pid);
    if (peakKiB !== undefined) {
      this.peakKiBByProvider.set(Number(pid), Math.max(peakKiB, this.peakKiBByProvider.get(Number(pid)) ?? 0));
    }
  }
}

/** Reads utime plus stime of a process, in clock ticks, or undefined when it has ended. */
function readCpuTicks(pid: string): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name in brackets may contain spaces, so the fields are counted from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the name come state (field 3), ..., utime (field 14) and stime (field 15).
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/**
 * Reads the VmHWM of a dynamic-provider process, or undefined for any other process. A provider
 * process runs the SDK's `.../cmd/dynamic-provider/index.js`, which leaves out the launcher's short
 * `node -e "require.resolve(...)"` helper that also names `dynamic-provider` on its command line.
 */
function readProviderPeakKiB(pid: string): number | undefined {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    if (!/dynamic-provider(\/index\.js)?$/.test(argv[1] ?? "")) {
      return undefined;
    }
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function readClockTicks(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}
