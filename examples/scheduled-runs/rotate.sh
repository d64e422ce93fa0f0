#!/usr/bin/env bash
# Rotates the due Gcore passwords of one or more stacks. Each stack gets a preview first and an
# `up` only when the preview found pending changes (exit code 3), so days without a due rotation
# add nothing to the stack's update history. cron runs it daily (see the crontab file).
#
# Usage: rotate.sh STACK...
#
# Environment:
#   GCORE_ROTATE_PROJECT_DIR  The Pulumi project folder. Default: the folder of this script.
#   GCORE_ROTATE_PROGRAM      The module that exports the Pulumi program, relative to the project
#                             folder. Default: index.ts. Set it to "" to run the project's own
#                             program, which needs a Pulumi installation with the Node.js language host.
#   The Pulumi CLI's own variables, such as PULUMI_BACKEND_URL and PULUMI_CONFIG_PASSPHRASE_FILE.
#
# Exit status: 0 when every stack finished, 1 when a stack failed, 2 on a usage or setup error.
# With several problems the highest code wins. Every stack runs even after another one failed.
set -uo pipefail

if [ "$#" -eq 0 ]; then
  echo "Usage: $0 STACK..." >&2
  exit 2
fi

project_dir="${GCORE_ROTATE_PROJECT_DIR:-$(cd "$(dirname "$0")" && pwd)}"
program="${GCORE_ROTATE_PROGRAM-index.ts}"
program_args=()
if [ -n "$program" ]; then
  program_args=(--program "$program")
fi

if ! cd "$project_dir"; then
  echo "error: project folder $project_dir was not found. Set GCORE_ROTATE_PROJECT_DIR." >&2
  exit 2
fi

# Runs the pipeline from the project's node_modules, where npm installed gcore-rotate.
pipeline() {
  npx --no-install gcore-rotate-pipeline "$@" ${program_args[@]+"${program_args[@]}"}
}

status=0
for stack in "$@"; do
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) stack $stack: preview"
  pipeline preview --stack "$stack"
  code=$?

  if [ "$code" -eq 3 ]; then
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) stack $stack: changes are pending, running up"
    pipeline up --stack "$stack"
    code=$?
  fi

  # 130 and 143: SIGINT or SIGTERM stopped the run after the pipeline released the stack lock.
  if [ "$code" -eq 130 ] || [ "$code" -eq 143 ]; then
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) stack $stack: stopped by a signal, the next run continues" >&2
    exit "$code"
  fi
  if [ "$code" -ne 0 ]; then
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) stack $stack: failed with exit code $code" >&2
  fi
  if [ "$code" -gt "$status" ]; then
    status=$code
  fi
done
exit "$status"
