import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { Canaries } from "../support/canaries";
import { canaryPassword } from "../support/emulator-fixture";

const repoRoot = path.resolve(__dirname, "..", "..");

/**
 * A test file that fails on purpose while checking text that contains a planted canary. It reads the
 * canary from the environment, so the code frame Jest prints beside a failure cannot show it either.
 */
const FAILING_TEST_FILE = `
import { Canaries } from ${JSON.stringify(path.join(repoRoot, "tests", "support", "canaries"))};

const canaries = new Canaries();
const planted = canaries.add("planted password", process.env.PLANTED_CANARY ?? "");

test("leak check of a log line", () => {
  expect(canaries.foundIn("log line: " + planted)).toEqual([]);
});

test("leak check of a JSON document", () => {
  expect(canaries.foundIn(JSON.stringify({ state: { password: planted } }))).toHaveLength(0);
});
`;

const JEST_CONFIG = `
module.exports = {
  rootDir: __dirname,
  testEnvironment: "node",
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\\\.ts$": ["ts-jest", { tsconfig: { strict: true, esModuleInterop: true, target: "ES2022", module: "commonjs", types: ["jest", "node"] } }] },
};
`;

describe("Jest output of a failing leak check", () => {
  let folder: string;
  let output: string;
  let exitStatus: number | null;
  let planted: string;
  const canaries = new Canaries();

  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "gcore-rotate-jest-leak-"));
    fs.writeFileSync(path.join(folder, "planted.test.ts"), FAILING_TEST_FILE);
    fs.writeFileSync(path.join(folder, "jest.config.js"), JEST_CONFIG);
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(folder, "node_modules"), "dir");
    planted = canaries.add("planted password", canaryPassword("jest"));

    const child = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), "--config", path.join(folder, "jest.config.js"), "--ci", "--colors=false"], {
      cwd: folder,
      env: { ...process.env, PLANTED_CANARY: planted },
      encoding: "utf8",
      timeout: 120_000,
    });
    output = `${child.stdout}\n${child.stderr}`;
    exitStatus = child.status;
  });

  afterAll(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test("child run fails both tests", () => {
    expect(exitStatus).toBe(1);
    expect(output).toMatch(/Tests:\s+2 failed, 2 total/);
  });

  test("failure names the canary by prefix", () => {
    expect(output).toContain(`planted password (${planted.slice(0, 10)}...)`);
  });

  test("output has no canary", () => {
    expect(canaries.foundIn(output)).toEqual([]);
  });
});
