import { performance } from "node:perf_hooks";

import pLimit from "p-limit";

import { GcoreIamClient } from "../sdk";
import { newPassword, type BenchAccount } from "./accounts";
import { countConnections, CountingAgent } from "./counting-agent";
import { PhaseSampler } from "./engine-processes";
import type { EmulatorProcess } from "./emulator-process";

/** The result of a batch of API calls made directly with the client. */
export interface DirectResult {
  seconds: number;
  /** TCP connections the batch opened. */
  connections: number;
  /** CPU time of this process and the emulator during the batch, in seconds. */
  cpuSeconds: number;
}

/** The HTTP agents that the clients of a batch use. */
export type AgentSetup =
  /** One keep-alive agent per client, which is the client's default. The provider creates one client per API key. */
  | "keep-alive per client"
  /** One keep-alive agent that every client uses. */
  | "keep-alive shared"
  /** A new connection for every request. */
  | "no keep-alive";

/**
 * Floor A: changes every account's password with `GcoreIamClient.changePassword`, one client per
 * account (each has its own API key) sharing one keep-alive agent, `concurrency` requests in flight.
 */
export async function changePasswordsDirectly(emulator: EmulatorProcess, accounts: BenchAccount[], concurrency: number): Promise<DirectResult> {
  return runBatch(emulator, accounts, concurrency, "keep-alive shared", async (client, account, password) => {
    await client.changePassword(account.userId, { oldPassword: account.password, newPassword: password });
    account.password = password;
  });
}

/**
 * Sends two requests per account with one client per account, as a rotation sends its look-up and
 * its change, under the given agent setup. Both requests are `GET /iam/users/{id}`, so the
 * emulator's password hashing does not hide what the connections cost.
 */
export async function requestTwicePerAccount(emulator: EmulatorProcess, accounts: BenchAccount[], concurrency: number, setup: AgentSetup): Promise<DirectResult> {
  return runBatch(emulator, accounts, concurrency, setup, async (client, account) => {
    await client.getUser(account.userId);
    await client.getUser(account.userId);
  });
}

type AccountCall = (client: GcoreIamClient, account: BenchAccount, password: string) => Promise<void>;

async function runBatch(emulator: EmulatorProcess, accounts: BenchAccount[], concurrency: number, setup: AgentSetup, call: AccountCall): Promise<DirectResult> {
  const passwords = accounts.map(() => newPassword());
  const shared = new CountingAgent({ keepAlive: true });
  const agents: CountingAgent[] = [shared];
  const agentFor = (): CountingAgent => {
    if (setup === "keep-alive shared") {
      return shared;
    }
    const agent = new CountingAgent({ keepAlive: setup === "keep-alive per client" });
    agents.push(agent);
    return agent;
  };
  const limit = pLimit(concurrency);
  const sampler = new PhaseSampler(undefined, [process.pid, emulator.pid]);
  sampler.start();
  const started = performance.now();

  try {
    await Promise.all(
      accounts.map((account, index) =>
        limit(async () => {
          const client = new GcoreIamClient({ baseUrl: emulator.url, apiKey: account.apiKey, httpAgent: agentFor() });
          await call(client, account, passwords[index]);
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    return { seconds, connections: countConnections(agents), cpuSeconds: sampler.stop().cpuSeconds };
  } finally {
    sampler.stop();
    for (const agent of agents) {
      agent.destroy();
    }
  }
}
