import * as fs from "node:fs";
import * as path from "node:path";

import type { PulumiFn } from "@pulumi/pulumi/automation";

import { PipelineUsageError } from "./arguments";

/**
 * Loads the Pulumi program that `--program` names: the module itself when it is a function, else its
 * `default` export. A `.ts` module is compiled in memory with the `typescript` package found from the
 * module's folder (transpile only, no type check), so a TypeScript project needs no build step.
 * Throws `PipelineUsageError` for a syntax error, and an error naming the file and line for any other
 * error that the module throws while it loads.
 */
export function loadProgram(modulePath: string): PulumiFn {
  if (!fs.existsSync(modulePath) || !fs.statSync(modulePath).isFile()) {
    throw new PipelineUsageError(`--program ${modulePath} was not found. Pass the path of the module that exports the Pulumi program, relative to --cwd.`);
  }
  if (/\.[cm]?ts$/.test(modulePath)) {
    registerTypeScriptLoader(path.dirname(modulePath));
  }

  let loaded: unknown;
  try {
    loaded = require(modulePath) as unknown;
  } catch (error) {
    throw describeLoadFailure(error, modulePath);
  }
  const program = typeof loaded === "function" ? loaded : (loaded as { default?: unknown } | undefined)?.default;
  if (typeof program !== "function") {
    throw new PipelineUsageError(
      `--program ${modulePath} does not export a function. Export the Pulumi program with "export = async () => { ... }" or "export default async () => { ... }".`,
    );
  }
  return program as PulumiFn;
}

/** Lets `require` load `.ts` files, unless a loader such as ts-node is already registered. */
function registerTypeScriptLoader(fromFolder: string): void {
  if (require.extensions[".ts"]) {
    return;
  }

  let typescript: typeof import("typescript");
  try {
    typescript = require(require.resolve("typescript", { paths: [fromFolder, __dirname] })) as typeof import("typescript");
  } catch {
    throw new PipelineUsageError(
      "A .ts program needs the typescript package, which was not found. Install it in the project (npm install --save-dev typescript) or pass a compiled .js module.",
    );
  }

  const compile = (module: NodeJS.Module, filename: string): void => {
    const source = fs.readFileSync(filename, "utf8");
    const { outputText, diagnostics = [] } = typescript.transpileModule(source, {
      fileName: filename,
      // Transpiling does not stop at a syntax error: it emits code that may declare fewer resources.
      reportDiagnostics: true,
      compilerOptions: {
        module: typescript.ModuleKind.CommonJS,
        target: typescript.ScriptTarget.ES2022,
        esModuleInterop: true,
        inlineSourceMap: true,
      },
    });
    const syntaxError = diagnostics.find((diagnostic) => diagnostic.category === typescript.DiagnosticCategory.Error);
    if (syntaxError) {
      throw new ProgramSyntaxError(describeDiagnostic(typescript, syntaxError, filename));
    }
    (module as NodeJS.Module & { _compile(code: string, filename: string): void })._compile(outputText, filename);
  };
  for (const extension of [".ts", ".cts", ".mts"]) {
    require.extensions[extension] = compile;
  }
  // Stack traces of compiled modules then name the lines of the .ts source, through the inline source maps.
  process.setSourceMapsEnabled(true);
}

/** A syntax error that the TypeScript compiler found in a `.ts` module, with its file, line and column. */
class ProgramSyntaxError extends Error {
  override name = "SyntaxError";
}

function describeDiagnostic(typescript: typeof import("typescript"), diagnostic: import("typescript").Diagnostic, filename: string): string {
  const text = typescript.flattenDiagnosticMessageText(diagnostic.messageText, " ");
  if (diagnostic.file === undefined || diagnostic.start === undefined) {
    return `${filename}: ${text}`;
  }
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${filename}:${line + 1}:${character + 1}: ${text}`;
}

/**
 * Builds the error for a module that threw while loading. For a syntax error in JavaScript source,
 * Node.js puts the file and line on the first line of the stack, before the message. Any other
 * error, such as a SyntaxError from JSON.parse, has them in its first stack frame with a file.
 */
function describeLoadFailure(error: unknown, modulePath: string): Error {
  if (error instanceof PipelineUsageError) {
    return error;
  }
  if (error instanceof ProgramSyntaxError) {
    return new PipelineUsageError(`--program ${modulePath} has a syntax error at ${endSentence(error.message)} Fix it and run again.`);
  }
  if (!(error instanceof Error)) {
    return new Error(`Loading --program ${modulePath} failed: ${String(error)}`);
  }

  const stackLines = (error.stack ?? "").split("\n");
  const sourceLocation = error instanceof SyntaxError ? /^(.+:\d+)$/.exec(stackLines[0] ?? "")?.[1] : undefined;
  if (sourceLocation) {
    return new PipelineUsageError(`--program ${modulePath} has a syntax error at ${sourceLocation}: ${endSentence(error.message)} Fix it and run again.`);
  }
  // Frames of built-in functions, such as "at JSON.parse (<anonymous>)", have no file.
  const location = stackLines
    .filter((line) => /^\s+at /.test(line))
    .map((line) => /\(?([^\s()]+:\d+:\d+)\)?$/.exec(line)?.[1])
    .find((fileLocation) => fileLocation !== undefined);
  return new Error(`Loading --program ${modulePath} failed${location ? ` at ${location}` : ""}: ${error.name}: ${error.message}`);
}

/** Adds a period to a message from the compiler or the JavaScript engine, unless it ends with one. */
function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
