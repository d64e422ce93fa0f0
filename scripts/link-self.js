#!/usr/bin/env node
// Links node_modules/gcore-rotate to this repository, so code in this checkout loads the package by
// its name exactly as a user's project does. The serialized provider requires
// "gcore-rotate/provider/runtime" from the Pulumi project folder, and Node.js only resolves a
// package's own name from inside node_modules in that setting.
const fs = require("node:fs");
const path = require("node:path");

const repoRoot = path.resolve(__dirname, "..");
const linkPath = path.join(repoRoot, "node_modules", "gcore-rotate");

if (!fs.existsSync(path.join(repoRoot, "node_modules"))) {
  process.exit(0);
}
try {
  if (fs.realpathSync(linkPath) === repoRoot) {
    process.exit(0);
  }
  fs.rmSync(linkPath, { recursive: true, force: true });
} catch {
  // The link does not exist yet.
}
fs.symlinkSync(path.relative(path.dirname(linkPath), repoRoot), linkPath, "dir");
