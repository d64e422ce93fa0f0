#!/usr/bin/env bash
# The main job: installs what is missing, then rotates a password on the local Gcore emulator
# with a real Pulumi stack. Safe to run again; it leaves nothing behind but the installed tools.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
node dist/scripts/demo.js
