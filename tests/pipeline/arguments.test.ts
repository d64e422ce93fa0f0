import { parsePipelineArguments, PipelineUsageError } from "../../automation/pipeline/arguments";

describe("parsePipelineArguments", () => {
  test("preview with defaults", () => {
    expect(parsePipelineArguments(["preview", "--stack", "prod"], "/srv/project")).toEqual({
      command: "preview",
      stack: "prod",
      cwd: "/srv/project",
      program: undefined,
      json: false,
    });
  });

  test("up with every option", () => {
    expect(parsePipelineArguments(["up", "--stack", "prod", "--cwd", "stacks/gcore", "--program", "dist/index.js", "--json"], "/srv")).toEqual({
      command: "up",
      stack: "prod",
      cwd: "/srv/stacks/gcore",
      program: "/srv/stacks/gcore/dist/index.js",
      json: true,
    });
  });

  test("absolute program path stays", () => {
    const options = parsePipelineArguments(["up", "--stack", "prod", "--program", "/opt/program.js"], "/srv");

    expect(options).toMatchObject({ program: "/opt/program.js" });
  });

  test("help wins over everything", () => {
    expect(parsePipelineArguments(["--help"])).toBe("help");
  });

  test.each([
    [[], "Expected one command, preview or up, but got no command."],
    [["apply", "--stack", "prod"], 'Expected one command, preview or up, but got "apply".'],
    [["preview", "up", "--stack", "prod"], 'but got "preview up"'],
    [["preview"], "--stack is missing. Pass the stack to run, for example --stack prod."],
    [["preview", "--stack", " "], "--stack is missing."],
    [["preview", "--stack", "prod", "--bogus"], "Unknown option '--bogus'"],
    [["preview", "--stack"], "Option '--stack <value>' argument missing"],
  ])("rejects %j", (argv, message) => {
    expect(() => parsePipelineArguments(argv)).toThrow(PipelineUsageError);
    expect(() => parsePipelineArguments(argv)).toThrow(message);
  });
});
