#!/usr/bin/env bash
# `cargo xtask codegen --check` end to end (parse pinned pages, plan, emit, compare with the
# files on disk), the xtask binary built beforehand so cargo's build is not timed. Uses
# hyperfine when installed, else times a few runs with `date`.
# Usage: crates/graph-bench/scripts/codegen-check.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs="${1:-5}"
cargo build --profile bench -q -p xtask
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 1 --runs "$runs" 'target/release/xtask codegen --check'
else
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    target/release/xtask codegen --check >/dev/null 2>&1
    end=$(date +%s.%N)
    printf 'xtask codegen --check: %.3f s\n' "$(echo "$end - $start" | bc)"
  done
fi
