import { parsePipelineArguments, PipelineUsageError } from "../../automation/pipeline/arguments";

describe("parsePipelineArguments", () => {
  test("preview with defaults", () => {
    expect(parsePipelineArguments(["preview", "--stack", "prod"], "/srv/project")).toEqual({
      command: "preview",
      stack: "prod",
      cwd: "/srv/project",
      program: undefined,
      json: false,
      cancelTimeoutSeconds: 60,
    });
  });

  test("up with every option", () => {
    const argv = ["up", "--stack", "prod", "--cwd", "stacks/gcore", "--program", "dist/index.js", "--json", "--cancel-timeout", "120"];

    expect(parsePipelineArguments(argv, "/srv")).toEqual({
      command: "up",
      stack: "prod",
      cwd: "/srv/stacks/gcore",
      program: "/srv/stacks/gcore/dist/index.js",
      json: true,
      cancelTimeoutSeconds: 120,
    });
  });

  test.each([["prod"], ["gcore.prod_2-eu"], ["organization/prod"], ["acme/gcore-rotate/prod"], ["p".repeat(100)]])("accepts stack %s", (stack) => {
    expect(parsePipelineArguments(["preview", "--stack", stack])).toMatchObject({ stack });
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
    [["preview", "--stack", "bad/na me"], '--stack "bad/na me" is invalid. A stack name has 1 to 100 letters, digits, hyphens, underscores or periods'],
    [["preview", "--stack", "a/b/c/d"], '--stack "a/b/c/d" is invalid.'],
    [["preview", "--stack", "acme//prod"], '--stack "acme//prod" is invalid.'],
    [["preview", "--stack", "p".repeat(101)], "is invalid."],
    [["preview", "--stack", "prod", "--cancel-timeout", "0"], '--cancel-timeout "0" is invalid. Pass a whole number of seconds from 1 to 86400'],
    [["preview", "--stack", "prod", "--cancel-timeout", "1.5"], '--cancel-timeout "1.5" is invalid.'],
    [["preview", "--stack", "prod", "--cancel-timeout", "86401"], '--cancel-timeout "86401" is invalid.'],
  ])("rejects %j", (argv, message) => {
    expect(() => parsePipelineArguments(argv)).toThrow(PipelineUsageError);
    expect(() => parsePipelineArguments(argv)).toThrow(message);
  });
});
