#!/usr/bin/env bash
# Build cost of the `cargo xtask codegen --all` crate against a plain serde-derive crate of the
# same types (issue 12), and of a tiny binary reading one attendance record with `graph-models`
# against the same binary with serde-derive structs. Not a test: it prints one table.
#
# Usage: crates/graph-bench/scripts/build-cost.sh [DOCS]
#   DOCS        docs tree (default /work/shared/graph-docs/corpus-2021/v1.0)
#   PHASES      any of "tiny check dev release" (default: all four; the full run is long)
#   ROUNDS      rounds per phase (default 1); each round builds both sides, one after the other
#   MODELS_DIR  the graph-models crate the tiny binary uses (default: this checkout's)
#   REPO        the checkout whose xtask, graph-bench and Cargo.lock are used (default: this one)
#   KEEP=1      keep the scratch directory (printed at the end)
#
# Every measured build runs in a target directory of its own, created empty, so it builds
# everything from nothing (dependencies included), in the order --all, baseline, --all, ...
# What is recorded per build:
#   wall, CPU   `/usr/bin/time` around cargo: elapsed, and user + sys of cargo and every process
#               it waited for (rustc, build scripts)
#   peak RSS    the largest maximum resident set of one rustc process: every rustc runs under
#               `/usr/bin/time` through RUSTC_WRAPPER, which logs its max RSS and crate name
#               (the same figure `/usr/bin/time -v cargo` reports, with the crate it came from);
#               two rustc processes running at once can together use more
#   own rustc   the wall time of the generated crate's own rustc (from the same log)
#   artifacts   `du -sb` of the target directory after the build
# Ratios are per round (--all / baseline), the median over rounds; values are medians too.
# Phases:
#   check, dev, release  `cargo check`, `cargo build`, `cargo build --release` of the `--all`
#               crate (with `--features full` once it has that feature) and of the serde-derive
#               crate (`cargo run -p graph-bench --example serde_derive_crate`), each with this
#               checkout's Cargo.lock copied in (the same serde versions). `check` also checks the
#               `--all` crate with `--no-default-features --features cloud-communications` when
#               that feature exists (its ratio is to the full `--all` check of the same round).
#   tiny        a binary reading one attendance record with graph-models (`v1_0` only) vs the
#               same binary with serde-derive structs: `cargo build --release`, `cargo build`.
# Dev builds of these root crates are incremental (cargo's default), so the dev artifacts include
# the incremental cache; CARGO_INCREMENTAL=0 in the environment turns that off for both sides.
set -euo pipefail

script_dir="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "${REPO:-$script_dir/../../..}" && pwd)"
docs="$(cd "${1:-/work/shared/graph-docs/corpus-2021/v1.0}" && pwd)"
phases="${PHASES:-tiny check dev release}"
rounds="${ROUNDS:-1}"
models_dir="$(cd "${MODELS_DIR:-$repo/crates/graph-models}" && pwd)"
time_bin=/usr/bin/time
if [[ ! -x $time_bin ]]; then
  echo "build-cost: $time_bin is missing (apt-get install time)" >&2
  exit 1
fi
for phase in $phases; do
  case $phase in
    tiny | check | dev | release) ;;
    *)
      echo "build-cost: unknown phase '$phase' (tiny check dev release)" >&2
      exit 2
      ;;
  esac
done
has_phase() { [[ " $phases " == *" $1 "* ]]; }

scratch="$(mktemp -d /tmp/build-cost.XXXXXX)"
cleanup() {
  if [[ ${KEEP:-0} == 1 ]]; then
    echo "build-cost: kept $scratch" >&2
  else
    rm -rf "$scratch"
  fi
}
trap cleanup EXIT
results="$scratch/results.tsv" # phase, measure, round, side, value
: >"$results"
log() { echo "build-cost: $*" >&2; }

# Every rustc under /usr/bin/time: "max-RSS-KB wall-s crate-name" per process.
cat >"$scratch/rustc-wrapper" <<EOF
#!/usr/bin/env bash
crate=-
prev=
for arg in "\$@"; do
  if [[ \$prev == --crate-name ]]; then crate=\$arg; fi
  prev=\$arg
done
exec $time_bin -a -o "\$BUILD_COST_RUSTC_LOG" -f "%M %e \$crate" "\$@"
EOF
chmod +x "$scratch/rustc-wrapper"

# Dependencies from the local registry cache when it has them.
offline=()
prepare() { # DIR LOCK: copy the lock file, fetch dependencies
  cp "$2" "$1/Cargo.lock"
  if (cd "$1" && cargo fetch --offline -q) 2>/dev/null; then
    offline=(--offline)
  else
    offline=()
    (cd "$1" && cargo fetch -q)
  fi
}

# measure PHASE MEASURE ROUND SIDE DIR CRATE-NAME CARGO-ARGS...: one build from nothing.
measure() {
  local phase=$1 name=$2 round=$3 side=$4 dir=$5 crate=$6
  shift 6
  local target="$scratch/target/$name-$side" rustc_log="$scratch/rustc-$name-$side-$round.log"
  rm -rf "$target"
  : >"$rustc_log"
  log "round $round: $name, $side: cargo $*"
  if ! (cd "$dir" && env -u CARGO_TARGET_DIR RUSTC_WRAPPER="$scratch/rustc-wrapper" \
    BUILD_COST_RUSTC_LOG="$rustc_log" "$time_bin" -o "$scratch/time" -f "%e %U %S" \
    cargo "$@" "${offline[@]}" --target-dir "$target" -q >"$scratch/cargo.log" 2>&1); then
    tail -n 40 "$scratch/cargo.log" >&2
    log "failed: (cd $dir && cargo $*)"
    exit 1
  fi
  local wall user sys rows
  read -r wall user sys <"$scratch/time"
  row() { printf '%s\t%s %s\t%s\t%s\t%s\n' "$phase" "$name" "$1" "$round" "$side" "$2"; }
  rows="$(
    row "wall s" "$wall"
    row "CPU s" "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
    # Lines that do not start with a number ("Command exited with non-zero status") are skipped.
    row "peak RSS MB (largest rustc)" \
      "$(awk '$1 ~ /^[0-9]+$/ && $1 > m { m = $1 } END { printf "%.0f", m / 1024 }' "$rustc_log")"
    if [[ $phase != tiny ]]; then
      row "own rustc wall s" "$(awk -v c="$crate" '$3 == c { t += $2 } END { printf "%.2f", t }' "$rustc_log")"
    fi
    row "artifacts MB" "$(du -sb "$target" | awk '{ printf "%.1f", $1 / 1e6 }')"
  )"
  echo "$rows" >>"$results"
  log "  $(echo "$rows" | cut -f2,5 | sed "s/^$name //" | tr '\t\n' '= ')(largest rustc: $(
    sort -g "$rustc_log" | tail -n 1 | cut -d' ' -f3))"
  rm -rf "$target"
}

commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty="$(git -C "$repo" status --porcelain 2>/dev/null | grep -c . || true)"

# --- the two big crates -------------------------------------------------------------------------
all_args=()
cc_feature=no
if has_phase check || has_phase dev || has_phase release; then
  log "generating the --all crate and the serde-derive crate of $docs"
  (cd "$repo" && cargo run -q --release -p xtask -- codegen --docs "$docs" --all \
    --out "$scratch/all" >"$scratch/gen-all.log" 2>&1) || {
    tail -n 40 "$scratch/gen-all.log" >&2
    exit 1
  }
  (cd "$repo" && cargo run -q --release -p graph-bench --example serde_derive_crate -- \
    --docs "$docs" --out "$scratch/derive" >"$scratch/gen-derive.log" 2>&1) || {
    tail -n 40 "$scratch/gen-derive.log" >&2
    exit 1
  }
  tail -n 1 "$scratch/gen-derive.log" >&2
  all_crate="$(sed -n 's/^name = "\(.*\)"/\1/p' "$scratch/all/Cargo.toml" | head -n 1)"
  all_crate="${all_crate//-/_}"
  derive_crate=graph_models_serde_derive
  prepare "$scratch/all" "$repo/Cargo.lock"
  prepare "$scratch/derive" "$repo/Cargo.lock"
  # Once the crate has features per workload, "everything" is its `full` feature.
  if grep -q '^full *=' "$scratch/all/Cargo.toml"; then all_args=(--features full); fi
  if grep -q '^cloud-communications *=' "$scratch/all/Cargo.toml"; then cc_feature=yes; fi
  all_lines="$(find "$scratch/all" -name '*.rs' -exec cat {} + | wc -l)"
  derive_lines="$(find "$scratch/derive" -name '*.rs' -exec cat {} + | wc -l)"
  log "--all crate: $all_lines lines; serde-derive crate: $derive_lines lines"
fi

for phase in check dev release; do
  has_phase "$phase" || continue
  case $phase in
    check) cmd=(check) ;;
    dev) cmd=(build) ;;
    release) cmd=(build --release) ;;
  esac
  for round in $(seq "$rounds"); do
    measure "$phase" "$phase" "$round" all "$scratch/all" "$all_crate" "${cmd[@]}" "${all_args[@]}"
    measure "$phase" "$phase" "$round" derive "$scratch/derive" "$derive_crate" "${cmd[@]}"
    if [[ $phase == check && $cc_feature == yes ]]; then
      measure check "check cloud-communications" "$round" all "$scratch/all" "$all_crate" \
        check --no-default-features --features cloud-communications
    fi
  done
  if [[ $phase == check && $cc_feature == no ]]; then
    log "check cloud-communications: skipped: no cloud-communications feature yet"
  fi
done

# --- the tiny binary --------------------------------------------------------------------------------
if has_phase tiny; then
  record='{
  "@odata.type": "#microsoft.graph.attendanceRecord",
  "id": "frank@contoso.com",
  "emailAddress": "frank@contoso.com",
  "totalAttendanceInSeconds": 322,
  "role": "Organizer",
  "registrationId": null,
  "identity": {
    "@odata.type": "#microsoft.graph.communicationsUserIdentity",
    "id": "dc17674c-81d9-4adb-bfb2-8f6a442e4623",
    "displayName": "Frank Miller",
    "tenantId": "a1b2c3d4-0000-0000-0000-000000000000"
  },
  "attendanceIntervals": [
    {
      "joinDateTime": "2021-10-05T04:38:27.6027225Z",
      "leaveDateTime": "2021-10-05T04:43:49.7702391Z",
      "durationInSeconds": 322
    }
  ]
}'
  models_lock="$(dirname "$(dirname "$models_dir")")/Cargo.lock"
  [[ -f $models_lock ]] || models_lock="$repo/Cargo.lock"
  for side in models plain; do
    mkdir -p "$scratch/tiny-$side/src"
    if [[ $side == models ]]; then
      deps="graph-models = { path = \"$models_dir\", default-features = false, features = [\"v1_0\"] }
serde_json = \"1\""
    else
      deps="serde = { version = \"1\", features = [\"derive\"] }
serde_json = \"1\""
    fi
    cat >"$scratch/tiny-$side/Cargo.toml" <<EOF
[package]
name = "tiny-$side"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
$deps

[workspace]
EOF
  done
  cat >"$scratch/tiny-models/src/main.rs" <<EOF
use graph_models::v1_0::AttendanceRecord;

const RECORD: &str = r##"$record"##;

fn main() {
    let record: AttendanceRecord = serde_json::from_str(RECORD).expect("an attendance record");
    println!("{record:?}");
}
EOF
  cat >"$scratch/tiny-plain/src/main.rs" <<EOF
use serde::Deserialize;

const RECORD: &str = r##"$record"##;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Record {
    id: Option<String>,
    email_address: Option<String>,
    total_attendance_in_seconds: Option<i32>,
    role: Option<String>,
    registration_id: Option<String>,
    identity: Option<Identity>,
    attendance_intervals: Option<Vec<Interval>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Identity {
    #[serde(rename = "@odata.type")]
    odata_type: Option<String>,
    id: Option<String>,
    display_name: Option<String>,
    tenant_id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Interval {
    join_date_time: Option<String>,
    leave_date_time: Option<String>,
    duration_in_seconds: Option<i32>,
}

fn main() {
    let record: Record = serde_json::from_str(RECORD).expect("an attendance record");
    println!("{record:?}");
}
EOF
  prepare "$scratch/tiny-models" "$models_lock"
  prepare "$scratch/tiny-plain" "$models_lock"
  for round in $(seq "$rounds"); do
    for profile in release dev; do
      if [[ $profile == release ]]; then cmd=(build --release); else cmd=(build); fi
      measure tiny "tiny $profile" "$round" all "$scratch/tiny-models" tiny_models "${cmd[@]}"
      measure tiny "tiny $profile" "$round" derive "$scratch/tiny-plain" tiny_plain "${cmd[@]}"
    done
  done
  # The binaries work (built once more, outside the timings).
  for side in models plain; do
    (cd "$scratch/tiny-$side" && cargo run -q "${offline[@]}" --target-dir "$scratch/target/run" \
      >"$scratch/tiny-$side.out" 2>&1) || {
      cat "$scratch/tiny-$side.out" >&2
      exit 1
    }
  done
  rm -rf "$scratch/target/run"
fi

# --- the table ----------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) printf "%.4g\n", v[(NR + 1) / 2]; else printf "%.4g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
values() { # MEASURE SIDE
  awk -F'\t' -v m="$1" -v s="$2" '$2 == m && $4 == s { print $5 }' "$results"
}
ratios() { # MEASURE-A SIDE-A MEASURE-B SIDE-B: A / B per round
  awk -F'\t' -v ma="$1" -v sa="$2" -v mb="$3" -v sb="$4" '
    $2 == ma && $4 == sa { a[$3] = $5 }
    $2 == mb && $4 == sb { b[$3] = $5 }
    END { for (r in a) if ((r in b) && b[r] > 0) printf "%.3f\n", a[r] / b[r] }' "$results"
}
echo
echo "build cost, $(date '+%Y-%m-%d %H:%M'), $(nproc) cores, rounds $rounds, phases '$phases'"
echo "repo $repo at $commit ($dirty files changed), docs $docs"
[[ -n ${all_lines:-} ]] && echo "--all crate $all_lines lines, serde-derive crate $derive_lines lines"
has_phase tiny && echo "tiny binary: graph-models from $models_dir vs serde-derive structs"
echo
echo "| measure | --all / models | serde-derive | ratio |"
echo "| --- | --- | --- | --- |"
cut -f2 "$results" | awk '!seen[$0]++' | while IFS= read -r m; do
  [[ $m == "check cloud-communications "* ]] && continue
  a="$(values "$m" all | median)"
  b="$(values "$m" derive | median)"
  r="$(ratios "$m" all "$m" derive | median)"
  printf '| %s | %s | %s | %sx |\n' "$m" "$a" "$b" "$r"
  if [[ $m == "check "* ]]; then
    cc="check cloud-communications ${m#check }"
    if [[ $cc_feature == yes ]]; then
      printf '| %s | %s | full --all: %s | %sx |\n' "$cc" "$(values "$cc" all | median)" "$a" \
        "$(ratios "$cc" all "$m" all | median)"
    elif [[ $m == "check wall s" ]]; then
      echo "| check cloud-communications | skipped: no cloud-communications feature yet | | |"
    fi
  fi
done
if has_phase tiny; then
  for p in release dev; do
    printf '| tiny %s: extra CPU s with the models | %s | | |\n' "$p" "$(awk -F'\t' -v m="tiny $p CPU s" '
      $2 == m && $4 == "all" { a[$3] = $5 } $2 == m && $4 == "derive" { b[$3] = $5 }
      END { for (r in a) printf "%.1f\n", a[r] - b[r] }' "$results" | median)"
  done
fi
