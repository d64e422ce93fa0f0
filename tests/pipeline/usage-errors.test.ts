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
  });

  afterAll(() => {
    fs.rmSync(project, { recursive: true, force: true });
  });

  test("help exits 0", async () => {
    const run = await runPipelineCli(["--help"]);

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Usage: gcore-rotate-pipeline <preview|up> --stack NAME");
    expect(run.stdout).toContain("3  preview found pending changes");
  });

  test.each([
    [[], "Expected one command, preview or up"],
    [["rotate", "--stack", "prod"], 'but got "rotate"'],
    [["up"], "--stack is missing"],
    [["up", "--stack", "prod", "--force"], "Unknown option '--force'"],
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
