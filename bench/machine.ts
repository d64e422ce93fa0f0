import * as fs from "node:fs";
import * as os from "node:os";

import { locatePulumiCli } from "../automation/pulumi-cli";

/** The facts about the machine and tools that a benchmark figure depends on. */
export interface MachineDescription {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  pulumiCli: string;
  pulumiSdk: string;
}

/** Reads the CPU model, core count, memory and tool versions of this machine. */
export async function describeMachine(): Promise<MachineDescription> {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  const cli = await locatePulumiCli();

  return {
    cpuModel,
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    pulumiCli: cli.version?.toString() ?? "unknown",
    pulumiSdk: require("@pulumi/pulumi/package.json").version as string,
  };
}

/** Returns the 1-minute load average, which shows whether other work shared the CPUs during a run. */
export function loadAverage(): string {
  return os.loadavg()[0].toFixed(2);
}
