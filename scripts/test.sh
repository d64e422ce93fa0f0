#!/usr/bin/env bash
# The test command: installs what is missing (npm packages, the Pulumi CLI), builds, and runs every
# test, the end-to-end tests through the real Pulumi engine included. Extra arguments go to Jest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
npx jest --ci "$@"
