import { EXIT_CODES, type ExitCode } from "./exit-codes";
import { isInForegroundProcessGroup, killDescendantProcesses } from "./process-tree";

/** The signals that stop a run: SIGINT from Ctrl-C, SIGTERM from a scheduler, a CI job or `kill`. */
export type StopSignal = "SIGINT" | "SIGTERM";

const STOP_SIGNALS: StopSignal[] = ["SIGINT", "SIGTERM"];

/** How long the pipeline waits by default for the Pulumi CLI to cancel after a stop signal, in seconds. */
export const DEFAULT_CANCEL_TIMEOUT_SECONDS = 60;

/** Returns the exit code for a stop signal: 128 plus the signal number, as shells report a process that the signal ended. */
export function stopExitCode(signal: StopSignal): ExitCode {
  return signal === "SIGINT" ? EXIT_CODES.interrupted : EXIT_CODES.terminated;
}

/** The signals that `listenForStopSignals` aborts. Both carry the name of the first stop signal as their reason. */
export interface StopSignals {
  /** A signal aborted on the first SIGINT or SIGTERM. */
  stopped: AbortSignal;
  /**
   * A signal aborted at the same time, unless the stop signal was a SIGINT that the terminal also
   * sent to the Pulumi CLI. The Automation API turns its abort into a SIGINT to the CLI.
   */
  forwardToCli: AbortSignal;
}

/**
 * Handles SIGINT and SIGTERM for the rest of the process's life, so that they no longer end it at
 * once. Every signal calls `onSignal` with its count so far, and the first one aborts the signals.
 *
 * The Pulumi CLI cancels on its first SIGINT and stops at once, without waiting for the resource
 * steps in progress, on its second. Ctrl-C in a terminal sends SIGINT to every process of the
 * foreground process group, and the Automation API starts the CLI in this process's group. So after
 * a SIGINT while this process is in the foreground, the CLI already has its signal, and forwarding
 * another one would make it the second.
 */
export function listenForStopSignals(onSignal: (signal: StopSignal, count: number) => void): StopSignals {
  const stopped = new AbortController();
  const forwardToCli = new AbortController();
  let count = 0;
  for (const name of STOP_SIGNALS) {
    process.on(name, () => {
      count += 1;
      onSignal(name, count);
      if (count === 1) {
        stopped.abort(name);
        // NOTE: a SIGINT that kill sends to this process alone while it is in a terminal's foreground is
        // not forwarded either, so the CLI does not cancel and is killed after the cancel timeout.
        if (!(name === "SIGINT" && isInForegroundProcessGroup())) {
          forwardToCli.abort(name);
        }
      }
    });
  }
  return { stopped: stopped.signal, forwardToCli: forwardToCli.signal };
}

/** Reads the stop signal from an aborted signal of `listenForStopSignals`, or returns undefined. */
export function receivedStopSignal(signal: AbortSignal | undefined): StopSignal | undefined {
  if (!signal?.aborted) {
    return undefined;
  }
  return STOP_SIGNALS.find((name) => name === signal.reason) ?? "SIGINT";
}

/**
 * Kills the Pulumi CLI and its plugins when they have not exited `timeoutSeconds` after the stop
 * signal, and calls `onKill` with the number of processes killed. Returns the function that ends the watch.
 */
export function watchCancelTimeout(stopSignal: AbortSignal | undefined, timeoutSeconds: number, onKill: (killed: number) => void): () => void {
  if (stopSignal === undefined) {
    return () => undefined;
  }
  let timer: NodeJS.Timeout | undefined;
  const start = (): void => {
    timer = setTimeout(() => onKill(killDescendantProcesses()), timeoutSeconds * 1000);
  };
  stopSignal.addEventListener("abort", start, { once: true });
  return () => {
    stopSignal.removeEventListener("abort", start);
    clearTimeout(timer);
  };
}
