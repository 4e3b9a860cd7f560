#!/usr/bin/env bash
# `cargo xtask schema` over the whole 2021 corpus, end to end, with wall time and peak memory
# (maximum resident set size from /usr/bin/time -v). Builds xtask in release first so the
# build is not timed. Usage: crates/graph-bench/scripts/schema-end-to-end.sh [DOCS_DIR]
set -euo pipefail
cd "$(dirname "$0")/../../.."
docs="${1:-../shared/graph-docs/corpus-2021}"
if [ ! -d "$docs" ]; then
  echo "skipping: $docs is not there"
  exit 0
fi
cargo build --profile bench -q -p xtask
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v target/release/xtask schema --docs "$docs" --allow-errors >/dev/null 2>"$report" || true
  grep -E "Elapsed \(wall clock\)|Maximum resident set size|Exit status" "$report"
else
  # No GNU time: poll the process's VmHWM (peak resident set) from /proc.
  start=$(date +%s.%N)
  target/release/xtask schema --docs "$docs" --allow-errors >/dev/null 2>&1 &
  pid=$!
  peak=0
  while kill -0 "$pid" 2>/dev/null; do
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
    sleep 0.02
  done
  wait "$pid" || true
  end=$(date +%s.%N)
  echo "Elapsed (wall clock): $(echo "$end - $start" | bc) s"
  echo "Maximum resident set size (kbytes): $peak"
fi
