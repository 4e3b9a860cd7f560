#!/usr/bin/env sh
# Runs each fuzz target for a bounded time (default 600 s each): `fuzz/run.sh [SECONDS]`.
# Needs `cargo install cargo-fuzz` and a nightly toolchain (or RUSTC_BOOTSTRAP=1 on stable).
# Seeds the corpora from the docs pages and examples when ../shared is present.
set -eu
cd "$(dirname "$0")"
seconds="${1:-600}"
toolchain="+nightly"
if ! rustup toolchain list | grep -q '^nightly'; then
    toolchain=""
    export RUSTC_BOOTSTRAP=1
fi
shared="../../shared"
mkdir -p corpus/parse_page corpus/model_json
if [ -d "$shared" ]; then
    find "$shared/graph-docs/focus" "$shared/seeds" -type f \( -name '*.md' -o -name '*.txt' \) \
        -exec cp {} corpus/parse_page/ \;
    # Each response body (from the `{` after the status line to the closing fence) as a seed.
    find "$shared/graph-docs/focus" "$shared/seeds" -type f \( -name '*.md' -o -name '*.txt' \) |
        while read -r page; do
            awk -v out="corpus/model_json/$(basename "$page")" '
                /^HTTP\/1\.1/ { inside = 1; body = ""; next }
                inside && /^```/ { if (body != "") print body > (out "." n++); inside = 0; next }
                inside && (body != "" || /^[{[]/) { body = body $0 "\n" }
            ' "$page"
        done
fi
for target in parse_page model_json; do
    echo "== $target: ${seconds}s"
    cargo $toolchain fuzz run "$target" -- -max_total_time="$seconds" -max_len=65536 \
        2>&1 | tee "$target.log" | grep -E '^(#[0-9]+ +DONE|Done|==[0-9]+==|SUMMARY|artifact)' || true
    grep -E 'Done [0-9]+ runs' "$target.log" || true
done
