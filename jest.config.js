/** Jest settings: TypeScript through ts-jest; scripts/test.sh prints the closing summary line. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // End-to-end tests start the Pulumi engine, which takes seconds per command.
  testTimeout: 300000,
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: { strict: true, esModuleInterop: true, target: "ES2022", module: "commonjs", types: ["jest", "node"] }, diagnostics: { warnOnly: false } }],
  },
};
