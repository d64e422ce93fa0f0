/**
 * The rotation benchmark: `npm run bench` builds, then runs this file. For each stack size it
 * measures this provider, floor A (the same password changes made directly with the client) and
 * floor B (the same stack with a no-op dynamic provider), and prints Markdown tables.
 * Run `node bench/.build/bench/main.js --help` for the options.
 */
import * as fs from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

import { DEFAULT_MAX_CONCURRENT_REQUESTS } from "../provider/settings";
import { createAccounts, seedFor, type BenchAccount } from "./accounts";
import { changePasswordsDirectly, requestTwicePerAccount, type AgentSetup, type DirectResult } from "./direct-changes";
import { startEmulatorProcess, type EmulatorProcess } from "./emulator-process";
import { runEngineScenario } from "./engine-scenario";
import { describeMachine, loadAverage } from "./machine";
import { checkTargets, formatCostTable, formatFootprintTable, formatKeepAliveTable, type RunRecord, type SizeRecord } from "./report";

const HELP = `Usage: npm run bench -- [options]

  --sizes LIST     Comma-separated stack sizes (users per stack). Default: 1,10,100.
  --runs N         Runs per size; each table figure is the median. Default: 3.
  --parallel N     The engine's --parallel for every Pulumi operation. Default: the CLI's
                   default, 4 times the CPU count.
  --engine-env NAME=VALUE
                   Sets an environment variable for every Pulumi CLI run, for example
                   PULUMI_SKIP_CHECKPOINTS=true. Repeatable.
  --json FILE      Also writes every measurement to FILE as JSON.
  --keep-checkpoints DIR
                   Copies each stack's checkpoint file into DIR (the last run of each size).
  --help           Prints this text.`;

const AGENT_SETUPS: AgentSetup[] = ["keep-alive per client", "keep-alive shared", "no keep-alive"];

interface BenchOptions {
  sizes: number[];
  runs: number;
  parallel?: number;
  jsonFile?: string;
  keepCheckpointDir?: string;
  engineEnv: Record<string, string>;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === undefined) {
    console.log(HELP);
    return;
  }
  const machine = await describeMachine();
  const started = performance.now();
  const loadAtStart = loadAverage();
  const largest = Math.max(...options.sizes);

  const records: SizeRecord[] = [];
  for (const size of options.sizes) {
    records.push(await measureSize(size, options, size === largest));
  }

  const minutes = (performance.now() - started) / 60_000;
  const engineEnv = Object.entries(options.engineEnv).map(([name, value]) => `${name}=${value}`).join(" ") || "default";
  console.log(`## Rotation benchmark\n`);
  console.log(`Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node.js ${machine.node}; Pulumi CLI ${machine.pulumiCli}, @pulumi/pulumi ${machine.pulumiSdk}.`);
  console.log(`Runs per size: ${options.runs} (figures are medians). Engine --parallel: ${options.parallel ?? "CLI default"}. ` +
    `Engine environment: ${engineEnv}. ` +
    `Provider and floor A concurrency: ${DEFAULT_MAX_CONCURRENT_REQUESTS}. Load average (1 min) at start ${loadAtStart}, at end ${loadAverage()}. ` +
    `Total time ${minutes.toFixed(1)} min.\n`);
  console.log(`${formatCostTable(records, "wall")}\n`);
  console.log(`${formatCostTable(records, "cpu")}\n`);
  console.log(`${formatFootprintTable(records)}\n`);
  console.log(`${formatKeepAliveTable(records[records.length - 1])}\n`);
  for (const line of checkTargets(records.find((record) => record.size === largest) ?? records[records.length - 1])) {
    console.log(`- ${line}`);
  }

  if (options.jsonFile !== undefined) {
    fs.writeFileSync(options.jsonFile, `${JSON.stringify({ machine, options, records }, null, 2)}\n`);
  }
}

/** Runs every measurement of one size `runs` times against one emulator seeded with `size` users. */
async function measureSize(size: number, options: BenchOptions, withKeepAlive: boolean): Promise<SizeRecord> {
  const accounts = createAccounts(size);
  const emulator = await startEmulatorProcess(seedFor(accounts));
  const runs: RunRecord[] = [];

  try {
    for (let run = 1; run <= options.runs; run += 1) {
      const engine = { emulator, parallel: options.parallel, keepCheckpointDir: options.keepCheckpointDir, engineEnv: options.engineEnv };
      const measureDirect = async (): Promise<RunRecord["direct"]> => {
        await emulator.resetRequestCounts();
        const result = await changePasswordsDirectly(emulator, accounts, DEFAULT_MAX_CONCURRENT_REQUESTS);
        return { ...result, requests: await emulator.requestCounts() };
      };

      // Odd runs measure this provider first and even runs last, so a change in the machine's load
      // during a run does not always favour the same side of a ratio.
      const providerFirst = run % 2 === 1;
      const providerBefore = providerFirst ? await runEngineScenario("user-password", accounts, engine) : undefined;
      const direct = await measureDirect();
      const noop = await runEngineScenario("noop", accounts, engine);
      const provider = providerBefore ?? (await runEngineScenario("user-password", accounts, engine));
      const keepAlive = withKeepAlive ? await measureAgentSetups(emulator, accounts) : undefined;

      runs.push({ provider, noop, direct, ...(keepAlive === undefined ? {} : { keepAlive }) });
      process.stderr.write(
        `N=${size} run ${run}/${options.runs}: rotate ${provider.rotate.seconds.toFixed(2)} s, floor A ${direct.seconds.toFixed(2)} s, ` +
          `floor B ${noop.rotate.seconds.toFixed(2)} s, load ${loadAverage()}\n`,
      );
    }
  } finally {
    await emulator.stop();
  }

  return { size, runs };
}

async function measureAgentSetups(emulator: EmulatorProcess, accounts: BenchAccount[]): Promise<Partial<Record<AgentSetup, DirectResult>>> {
  // An unmeasured batch first, so that the first setup does not pay for warming up the client code.
  await requestTwicePerAccount(emulator, accounts, DEFAULT_MAX_CONCURRENT_REQUESTS, "keep-alive shared");
  const results: Partial<Record<AgentSetup, DirectResult>> = {};
  for (const setup of AGENT_SETUPS) {
    results[setup] = await requestTwicePerAccount(emulator, accounts, DEFAULT_MAX_CONCURRENT_REQUESTS, setup);
  }
  return results;
}

function parseOptions(args: string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: "string", default: "1,10,100" },
      runs: { type: "string", default: "3" },
      parallel: { type: "string" },
      json: { type: "string" },
      "keep-checkpoints": { type: "string" },
      "engine-env": { type: "string", multiple: true },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    return undefined;
  }

  return {
    sizes: values.sizes.split(",").map((text) => positiveInteger("--sizes", text)),
    runs: positiveInteger("--runs", values.runs),
    engineEnv: Object.fromEntries((values["engine-env"] ?? []).map(parseAssignment)),
    ...(values.parallel === undefined ? {} : { parallel: positiveInteger("--parallel", values.parallel) }),
    ...(values.json === undefined ? {} : { jsonFile: values.json }),
    ...(values["keep-checkpoints"] === undefined ? {} : { keepCheckpointDir: values["keep-checkpoints"] }),
  };
}

function parseAssignment(text: string): [string, string] {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(text);
  if (match === null) {
    throw new Error(`--engine-env ${JSON.stringify(text)} is not of the form NAME=VALUE.`);
  }
  return [match[1], match[2]];
}

function positiveInteger(option: string, text: string): number {
  const value = Number(text.trim());
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${option} ${JSON.stringify(text)} is not a positive integer.`);
  }
  return value;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
