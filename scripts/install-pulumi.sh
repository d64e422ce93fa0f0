#!/usr/bin/env bash
# Provisions the Pulumi CLI this project pins, once per machine, and prints the folder that holds it.
#
# Order of preference, so nobody pays for a build they do not need:
#   1. a `pulumi` already on PATH (any version; a different one gets a warning);
#   2. the pinned version already in $PULUMI_HOME/versions/<version>/bin (where the official
#      `pulumi` npm launcher looks);
#   3. the official release archive, when get.pulumi.com is reachable;
#   4. a build from the Go module proxy through the wrapper module in tools/pulumi-cli.
# Every path ends with the dynamic-provider launcher `pulumi-resource-pulumi-nodejs` next to the CLI,
# because the engine otherwise tries to download a plugin and fails offline.
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/.." && pwd)
version=$(node -p "require('$repo_root/package.json').devDependencies['@pulumi/pulumi']")
pulumi_home=${PULUMI_HOME:-$HOME/.pulumi}
bin_dir="$pulumi_home/versions/$version/bin"
launcher_source="$repo_root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

log() { printf '%s\n' "$*" >&2; }

install_launcher() {
  local target_dir=$1
  if [ -x "$target_dir/pulumi-resource-pulumi-nodejs" ] || command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1; then
    return
  fi
  if [ ! -f "$launcher_source" ]; then
    log "error: $launcher_source is missing. Run 'npm ci' in $repo_root first."
    exit 1
  fi
  if [ -w "$target_dir" ]; then
    install -m 0755 "$launcher_source" "$target_dir/pulumi-resource-pulumi-nodejs"
  else
    mkdir -p "$bin_dir"
    install -m 0755 "$launcher_source" "$bin_dir/pulumi-resource-pulumi-nodejs"
    log "note: $target_dir is not writable, so the dynamic-provider launcher went to $bin_dir; add it to PATH."
  fi
}

use_existing_on_path() {
  local existing
  existing=$(command -v pulumi 2>/dev/null) || return 1
  # The npm launcher named `pulumi` in node_modules/.bin would download a release; skip it.
  case "$existing" in */node_modules/.bin/pulumi) return 1 ;; esac
  local found
  found=$(pulumi version 2>/dev/null | sed 's/^v//') || return 1
  if [ "$found" != "$version" ]; then
    log "warning: using pulumi $found from $existing; this project is tested with $version."
  fi
  install_launcher "$(dirname "$existing")"
  dirname "$existing"
}

use_pinned_build() {
  [ -x "$bin_dir/pulumi" ] || return 1
  [ "$("$bin_dir/pulumi" version 2>/dev/null)" = "v$version" ] || return 1
  install_launcher "$bin_dir"
  echo "$bin_dir"
}

download_release() {
  local archive_url="https://get.pulumi.com/releases/sdk/pulumi-v$version-linux-x64.tar.gz"
  [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || return 1
  command -v curl >/dev/null 2>&1 || return 1
  local scratch
  scratch=$(mktemp -d)
  if ! curl -fsSL --connect-timeout 5 --max-time 300 "$archive_url" -o "$scratch/pulumi.tar.gz" 2>/dev/null; then
    rm -rf "$scratch"
    return 1
  fi
  mkdir -p "$bin_dir"
  tar -xzf "$scratch/pulumi.tar.gz" -C "$scratch"
  cp "$scratch"/pulumi/* "$bin_dir"/
  rm -rf "$scratch"
  log "Installed the Pulumi $version release into $bin_dir."
}

build_from_go_proxy() {
  command -v go >/dev/null 2>&1 || { log "error: no pulumi on PATH, no network access to get.pulumi.com, and no Go toolchain to build it. Install Pulumi $version (https://www.pulumi.com/docs/install/) or Go."; exit 1; }
  log "Building Pulumi CLI $version from the Go module proxy into $bin_dir (a few minutes, once per machine)..."
  local started=$SECONDS
  mkdir -p "$bin_dir"
  (
    cd "$repo_root/tools/pulumi-cli"
    go build -trimpath -o "$bin_dir/pulumi.partial" \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  )
  # Rename last, so an interrupted build never leaves a half-written `pulumi` that step 2 would trust.
  mv "$bin_dir/pulumi.partial" "$bin_dir/pulumi"
  log "Built Pulumi CLI $version in $((SECONDS - started)) s."
}

main() {
  use_existing_on_path && return
  # Two runs at once (the demo and the tests, say) would build into the same folder.
  mkdir -p "$pulumi_home"
  exec 9>"$pulumi_home/.gcore-rotate-install.lock"
  flock 9
  use_pinned_build && return
  download_release || build_from_go_proxy
  install_launcher "$bin_dir"
  echo "$bin_dir"
}

main
