import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { runPipelineCli } from "./pipeline-process";

/** Tells whether this machine's Pulumi CLI can run a project's own program, which changes one expected exit code. */
function hasNodeLanguageHost(): boolean {
  try {
    execFileSync("sh", ["-c", "command -v pulumi-language-nodejs || ls \"${PULUMI_HOME:-$HOME/.pulumi}\"/versions/*/bin/pulumi-language-nodejs"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("gcore-rotate-pipeline usage errors", () => {
  let project: string;

  beforeAll(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-pipeline-usage-"));
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: usage-test\nruntime: nodejs\n");
    fs.writeFileSync(path.join(project, "not-a-program.js"), "module.exports = { program: 42 };\n");
    fs.writeFileSync(path.join(project, "typed.js"), "module.exports = async () => {\n  const count: number = 1;\n  return { count };\n};\n");
    fs.writeFileSync(path.join(project, "unclosed.ts"), "export = async () => {\n  const outputs = { count: 1;\n  return outputs;\n};\n");
    fs.writeFileSync(path.join(project, "throws.js"), "const settings = undefined;\nmodule.exports = settings.program;\n");
    fs.writeFileSync(path.join(project, "parses-json.js"), "const settings = JSON.parse(\"{\");\nmodule.exports = async () => settings;\n");
  });

  afterAll(() => {
    fs.rmSync(project, { recursive: true, force: true });
  });

  test("help exits 0", async () => {
    const run = await runPipelineCli(["--help"]);

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Usage: gcore-rotate-pipeline <preview|up> --stack NAME");
    expect(run.stdout).toContain("3  preview found pending changes");
    expect(run.stdout).toContain("130, 143");
    expect(run.stdout).toContain("--cancel-timeout SECONDS");
  });

  test.each([
    [[], "Expected one command, preview or up"],
    [["rotate", "--stack", "prod"], 'but got "rotate"'],
    [["up"], "--stack is missing"],
    [["up", "--stack", "prod", "--force"], "Unknown option '--force'"],
    [["preview", "--stack", "bad/na me"], '--stack "bad/na me" is invalid.'],
    [["up", "--stack", "prod", "--cancel-timeout", "soon"], '--cancel-timeout "soon" is invalid.'],
  ])("arguments %j exit 2", async (args, message) => {
    const run = await runPipelineCli(args);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  });

  test("json usage error prints a report", async () => {
    const run = await runPipelineCli(["up", "--json"]);

    expect(run.exitCode).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ result: "usage-error", exitCode: 2, errors: [expect.stringContaining("--stack is missing")] });
  });

  test("invalid GCORE_ROTATE_NOW exits 2", async () => {
    const run = await runPipelineCli(["preview", "--stack", "prod", "--cwd", project, "--program", "typed.js", "--json"], { GCORE_ROTATE_NOW: "yesterday" });

    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([
      'error: GCORE_ROTATE_NOW "yesterday" is invalid. Use an ISO 8601 time such as "2026-03-01T00:00:00Z", or unset it: it is a test hook that fixes the provider\'s clock.',
    ]);
    expect(JSON.parse(run.stdout)).toMatchObject({ command: "preview", stack: "prod", result: "usage-error", exitCode: 2 });
  });

  test("javascript syntax error names the line", async () => {
    const run = await runPipelineCli(["preview", "--stack", "prod", "--cwd", project, "--program", "typed.js"]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`error: --program ${path.join(project, "typed.js")} has a syntax error at ${path.join(project, "typed.js")}:2: Missing initializer in const declaration. Fix it and run again.`);
  });

  test("typescript syntax error names the line", async () => {
    const run = await runPipelineCli(["up", "--stack", "prod", "--cwd", project, "--program", "unclosed.ts"]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`error: --program ${path.join(project, "unclosed.ts")} has a syntax error at ${path.join(project, "unclosed.ts")}:2:29: ',' expected. Fix it and run again.`);
    expect(run.stdout).not.toContain("to delete");
  });

  test("program that throws names the line", async () => {
    const run = await runPipelineCli(["preview", "--stack", "prod", "--cwd", project, "--program", "throws.js"]);

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`error: Loading --program ${path.join(project, "throws.js")} failed at ${path.join(project, "throws.js")}:2:`);
    expect(run.stderr).toContain("TypeError: Cannot read properties of undefined (reading 'program')");
  });

  test("JSON.parse error is no syntax error", async () => {
    const run = await runPipelineCli(["preview", "--stack", "prod", "--cwd", project, "--program", "parses-json.js"]);

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`error: Loading --program ${path.join(project, "parses-json.js")} failed at ${path.join(project, "parses-json.js")}:1:`);
    expect(run.stderr).toContain("SyntaxError:");
    expect(run.stderr).not.toContain("has a syntax error");
  });

  test("folder without Pulumi.yaml exits 2", async () => {
    const run = await runPipelineCli(["preview", "--stack", "prod", "--cwd", os.tmpdir(), "--program", "index.js"]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${os.tmpdir()} has no Pulumi.yaml. Pass the Pulumi project folder with --cwd.`);
  });

  test("missing program exits 2", async () => {
    const run = await runPipelineCli(["preview", "--stack", "prod", "--cwd", project, "--program", "missing.ts", "--json"]);

    expect(run.exitCode).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ command: "preview", stack: "prod", result: "usage-error", exitCode: 2 });
    expect(run.stderr).toContain(`--program ${path.join(project, "missing.ts")} was not found.`);
  });

  test("program without a function exits 2", async () => {
    const run = await runPipelineCli(["up", "--stack", "prod", "--cwd", project, "--program", "not-a-program.js"]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("does not export a function.");
  });

  (hasNodeLanguageHost() ? test.skip : test)("project program without language host exits 2", async () => {
    const run = await runPipelineCli(["up", "--stack", "prod", "--cwd", project]);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("The Pulumi CLI has no Node.js language host (pulumi-language-nodejs)");
    expect(run.stderr).toContain("Pass --program");
  });
});
