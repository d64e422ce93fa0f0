#!/usr/bin/env bash
# Installs every dependency of this repository: npm packages (which builds dist/), then the Pulumi CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/@pulumi/pulumi ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx tsc -p tsconfig.json
node scripts/link-self.js
bash scripts/install-pulumi.sh >/dev/null
