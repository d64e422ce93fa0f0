import { CommandError, type Stack } from "@pulumi/pulumi/automation";

import { USER_PASSWORD_TYPE } from "../support/stack-state";

/** What one `pulumi preview` or `pulumi up` printed, and whether it succeeded. */
export interface EngineRun {
  succeeded: boolean;
  /** Everything the CLI printed, as the user sees it in a terminal with `--color never`. */
  output: string;
  /** The `error:` lines that Diagnostics lists under `UserPassword` resources, without the `error: ` prefix, in order. */
  errors: string[];
  /**
   * The `error:` lines of the stack's own Diagnostics block other than "update failed": failures of
   * the program or of its connection to the engine, not of a resource.
   */
  programErrors: string[];
  /** Whether the Diagnostics section contains a JavaScript stack trace. */
  printsStackTrace: boolean;
}

/** The type of the stack resource every program has. */
const STACK_TYPE = "pulumi:pulumi:Stack";

/** Runs `pulumi preview` or `pulumi up` on a stack and captures its output. A failed run is returned, not thrown. */
export async function runEngine(stack: Stack, operation: "preview" | "up"): Promise<EngineRun> {
  const chunks: string[] = [];
  const onOutput = (text: string): void => {
    chunks.push(text);
  };

  let succeeded = true;
  try {
    if (operation === "preview") {
      await stack.preview({ color: "never", onOutput });
    } else {
      await stack.up({ color: "never", onOutput });
    }
  } catch (error) {
    if (!(error instanceof CommandError)) {
      throw error;
    }
    succeeded = false;
  }

  const output = chunks.join("");
  const diagnostics = diagnosticsSection(output);
  return {
    succeeded,
    output,
    errors: resourceErrors(diagnostics, USER_PASSWORD_TYPE),
    programErrors: resourceErrors(diagnostics, STACK_TYPE).filter((message) => message !== "update failed"),
    printsStackTrace: /^\s+at \S.*\(.*:\d+:\d+\)$/m.test(diagnostics),
  };
}

/** Returns the text between the `Diagnostics:` heading and the `Resources:` summary, or "" when there is none. */
export function diagnosticsSection(output: string): string {
  const start = output.indexOf("\nDiagnostics:\n");
  if (start === -1) {
    return "";
  }
  const end = output.indexOf("\nResources:\n", start);
  return output.slice(start, end === -1 ? undefined : end);
}

/**
 * Returns the messages of the `error:` lines in the Diagnostics blocks of resources of one type.
 * A block starts with a `  <type> (<name>):` line. The stack's own block, which only contains
 * "update failed", is left out.
 */
export function resourceErrors(diagnostics: string, type: string): string[] {
  const messages: string[] = [];
  let inBlock = false;
  for (const line of diagnostics.split("\n")) {
    const header = /^  (\S+) \(.*\):$/.exec(line);
    if (header) {
      inBlock = header[1] === type;
      continue;
    }
    const message = /^\s+error: (.*)$/.exec(line)?.[1];
    if (inBlock && message !== undefined) {
      messages.push(message);
    }
  }
  return messages;
}
