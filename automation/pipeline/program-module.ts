import * as fs from "node:fs";
import * as path from "node:path";

import type { PulumiFn } from "@pulumi/pulumi/automation";

import { PipelineUsageError } from "./arguments";

/**
 * Loads the Pulumi program that `--program` names: the module itself when it is a function, else its
 * `default` export. A `.ts` module is compiled in memory with the `typescript` package found from the
 * module's folder (transpile only, no type check), so a TypeScript project needs no build step.
 */
export function loadProgram(modulePath: string): PulumiFn {
  if (!fs.existsSync(modulePath) || !fs.statSync(modulePath).isFile()) {
    throw new PipelineUsageError(`--program ${modulePath} was not found. Pass the path of the module that exports the Pulumi program, relative to --cwd.`);
  }
  if (/\.[cm]?ts$/.test(modulePath)) {
    registerTypeScriptLoader(path.dirname(modulePath));
  }

  const loaded = require(modulePath) as unknown;
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
    const { outputText } = typescript.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: typescript.ModuleKind.CommonJS,
        target: typescript.ScriptTarget.ES2022,
        esModuleInterop: true,
        inlineSourceMap: true,
      },
    });
    (module as NodeJS.Module & { _compile(code: string, filename: string): void })._compile(outputText, filename);
  };
  for (const extension of [".ts", ".cts", ".mts"]) {
    require.extensions[extension] = compile;
  }
}
