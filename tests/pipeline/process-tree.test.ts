import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

import { listDescendantProcesses } from "../../automation/pipeline/process-tree";
import { waitFor } from "../support/processes";

/** The compiled module, for child processes that check their own process group. */
const PROCESS_TREE_JS = path.resolve(__dirname, "..", "..", "dist", "automation", "pipeline", "process-tree.js");
const PRINT_FOREGROUND = `process.stdout.write(String(require(${JSON.stringify(PROCESS_TREE_JS)}).isInForegroundProcessGroup()))`;

function hasCommand(name: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("listDescendantProcesses", () => {
  let shell: ChildProcess | undefined;

  afterEach(() => {
    for (const id of shell?.pid ? listDescendantProcesses(shell.pid) : []) {
      process.kill(id, "SIGKILL");
    }
    shell?.kill("SIGKILL");
  });

  test("lists children and grandchildren", async () => {
    shell = spawn("sh", ["-c", "sleep 30 & wait"], { stdio: "ignore" });
    const shellId = shell.pid as number;
    await waitFor(() => listDescendantProcesses(shellId).length > 0, 5000, "the sleep that the shell starts");

    const grandchildren = listDescendantProcesses(shellId);
    const descendants = listDescendantProcesses(process.pid);

    expect(grandchildren).toHaveLength(1);
    expect(descendants).toContain(shellId);
    expect(descendants).toContain(grandchildren[0]);
  });

  test("process without children has none", () => {
    expect(listDescendantProcesses(2 ** 22 + 1)).toEqual([]);
  });
});

describe("isInForegroundProcessGroup", () => {
  (hasCommand("setsid") ? test : test.skip)("new session without terminal is not", () => {
    const output = execFileSync("setsid", [process.execPath, "-e", PRINT_FOREGROUND], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

    expect(output).toBe("false");
  });

  (hasCommand("script") ? test : test.skip)("command in a terminal is", () => {
    // script runs the command in a new pseudo-terminal, as the foreground process group.
    const output = execFileSync("script", ["-qec", `${process.execPath} -e '${PRINT_FOREGROUND}'`, "/dev/null"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

    expect(output.trim()).toBe("true");
  });
});
