#!/usr/bin/env bash
# Clean build time of the models crate (dev and release), in a throwaway target directory so
# nothing is reused and the workspace's own target/ is left alone.
# Usage: crates/graph-bench/scripts/build-time.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for profile in dev release; do
  # Dependencies (serde, serde_json) first, so the figure is the models crate itself.
  CARGO_TARGET_DIR="$scratch/$profile" cargo build -q --profile "$profile" -p serde_json
  start=$(date +%s.%N)
  CARGO_TARGET_DIR="$scratch/$profile" cargo build -q --profile "$profile" -p graph-models
  end=$(date +%s.%N)
  printf 'graph-models clean build (%s, dependencies prebuilt): %.1f s\n' "$profile" "$(echo "$end - $start" | bc)"
done
start=$(date +%s.%N)
CARGO_TARGET_DIR="$scratch/all" cargo build -q --release -p graph-models
end=$(date +%s.%N)
printf 'graph-models clean build (release, with dependencies): %.1f s\n' "$(echo "$end - $start" | bc)"
