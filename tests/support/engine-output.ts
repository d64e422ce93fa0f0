import type { EngineEvent } from "@pulumi/pulumi/automation";

/**
 * How much an engine operation prints: `default` is what a user sees without flags, `debug` adds
 * `--debug -v=9 --logtostderr`, which prints debug diagnostics and the engine's own log.
 */
export type OutputLevel = "default" | "debug";

/** Output options for an Automation API operation (`up`, `preview`, `refresh`, `destroy`). */
export interface CaptureOptions {
  color: "never";
  onOutput: (text: string) => void;
  onError: (text: string) => void;
  onEvent: (event: EngineEvent) => void;
  debug?: boolean;
  logToStdErr?: boolean;
  logVerbosity?: number;
}

/** Collects everything one or more engine operations print, for leak checks. */
export interface EngineCapture {
  /** Options to pass to the operation. */
  options: CaptureOptions;
  /** Standard output and standard error as the CLI printed them. */
  output(): string;
  /** Engine events (the stream behind `onEvent` and `--event-log`) as JSON lines. */
  events(): string;
  /** Adds text that the operation returned rather than streamed, such as a `CommandError` message. */
  append(text: string): void;
}

/** Creates a capture whose options print at the given level. */
export function captureEngineOutput(level: OutputLevel): EngineCapture {
  const printed: string[] = [];
  const events: string[] = [];
  const options: CaptureOptions = {
    color: "never",
    onOutput: (text) => printed.push(text),
    onError: (text) => printed.push(text),
    onEvent: (event) => events.push(JSON.stringify(event)),
  };
  if (level === "debug") {
    Object.assign(options, { debug: true, logToStdErr: true, logVerbosity: 9 });
  }

  return {
    options,
    output: () => printed.join(""),
    events: () => events.join("\n"),
    append: (text) => printed.push(text),
  };
}

/**
 * Awaits an operation that must fail and returns its error message. The Automation API's
 * `CommandError` message contains the CLI's full standard output and standard error.
 */
export async function failureText(operation: Promise<unknown>): Promise<string> {
  try {
    await operation;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  throw new Error("The operation succeeded, but the test expected it to fail.");
}
