#!/usr/bin/env bash
# Runs one fuzz target for a while, seeded from the project's fixtures and from ../shared/data
# (read where it lies, never copied), then merges what added coverage into fuzz/corpus/TARGET.
#   fuzz/run.sh TARGET [SECONDS]      (default 600)
# FUZZ_SANITIZER=none runs without AddressSanitizer, two to three times as many executions a
# second; panics, aborts, timeouts and the RSS limit are still caught (the Rust code is safe, so
# ASan mostly watches the C of the dependencies). The default is cargo-fuzz's (address).
# Crashes land in fuzz/artifacts/TARGET/; keep each as fuzz/regressions/TARGET/NAME with a
# NAME.expected, fix the bug, and `cargo test` replays it.
set -euo pipefail
cd "$(dirname "$0")"
target=$1
seconds=${2:-600}
sanitizer=(-s "${FUZZ_SANITIZER:-address}")
# Builds without a sanitizer live in their own folder, so switching never rebuilds the other.
[ "${FUZZ_SANITIZER:-address}" = address ] || sanitizer+=(--target-dir "target/${FUZZ_SANITIZER}")
export RUSTC_BOOTSTRAP=1
shared=../../shared/data
fixtures=../tests/fixtures
mkdir -p "corpus/$target" "corpus-work/$target" "seeds/$target"
seeds="seeds/$target"
rm -f "$seeds"/*
add() { for f in "$@"; do [ -f "$f" ] && ln -sf "$(realpath "$f")" "$seeds/$(echo "$f" | tr '/' '_')"; done; return 0; }
case $target in
  load_any) add $fixtures/*/*.json $fixtures/*/*.csv $fixtures/acled/*.csv $shared/*/*.json $shared/*/*.csv $shared/*/*.jsonl $shared/*/*.xlsx $shared/gdelt/*.CSV ../data/*.json ;;
  load_swimline_json) add ../data/*.json $fixtures/good/*.json $fixtures/bad/*.json ;;
  load_swimline_csv) add $fixtures/fuzz/*.csv $shared/*/*.csv ;;
  load_timelinejs) add $shared/timelinejs3/*.json ;;
  load_timelinejs2) add $shared/timelinejs3/legacy_tl2_example.json ;;
  load_timelinejs_csv) add $shared/timelinejs3/*.csv ;;
  load_vis_timeline) add $shared/vis-timeline/*.json ;;
  load_acled) add $fixtures/acled/*.csv ;;
  load_timesketch_csv) add $shared/timesketch/*.csv ;;
  load_timesketch_jsonl) add $shared/plaso/*.jsonl ;;
  load_xlsx|load_xls|load_ods)
    # Workbooks the tests make (tests/it/workbooks.rs), and the real ones in ../shared/data.
    # FUZZ_SEEDS_MADE=DIR names a folder of them made before (by the command below).
    made=${FUZZ_SEEDS_MADE:-}
    if [ -z "$made" ]; then
      made=$(mktemp -d)
      # Without RUSTC_BOOTSTRAP: build scripts watch it, and a main-crate build with it set
      # rebuilt their dependents (DuckDB's C++ included) in the main target folder, twice.
      (cd .. && env -u RUSTC_BOOTSTRAP SWIMLINE_FUZZ_SEEDS="$made" cargo test --quiet --test it make_fuzz_seeds -- --ignored >/dev/null)
    fi
    case $target in
      load_xlsx) add "$made"/*.xlsx $shared/spreadsheets/*.xlsx ;;
      load_xls) add "$made"/*.xls ;;
      load_ods) add "$made"/*.ods ;;
    esac ;;
  load_gdelt_zip)
    # The real GDELT export, zipped as GDELT distributes it (made here, not committed).
    python3 - "$seeds" $shared/gdelt/*.CSV <<'PY'
import sys, zipfile, os
out = sys.argv[1]
for i, path in enumerate(sys.argv[2:]):
    with zipfile.ZipFile(os.path.join(out, f"gdelt{i}.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.write(path, os.path.basename(path))
PY
    ;;
  date)
    i=0
    for t in 2018-03-04T10:20:30Z~ -0044-03-15? Y-12345 Y170000000 201X 19XX% '[2018-01..2018-06]' \
      '@{e1.start}-P2Y..-P1M' '@{e1.end}+P3D' '../2018' '2018?/..' '2016~/@{e1}' 2018-01-04T14:05+01:00; do
      printf '%s' "$t" > "$seeds/t$i"; i=$((i + 1))
    done ;;
  resolve)
    printf '2018-03\n@{e0}-P24M..-P18M/@{e0}\n@{e1}/@{e0}\n' > "$seeds/chain"
    printf '@{e1}\n@{e0}\n' > "$seeds/cycle"
    printf '2018\n@{e0.end}+P3D\n@{e1.start}-P1Y/..\n' > "$seeds/ends" ;;
  *) echo "no target $target"; exit 2 ;;
esac
cargo fuzz run -O "${sanitizer[@]}" "$target" "corpus-work/$target" "corpus/$target" "$seeds" -- \
  -max_total_time="$seconds" -timeout=1 -rss_limit_mb=1024 -max_len=65536 -print_final_stats=1
# Keep only what adds coverage, in the committed corpus.
cargo fuzz run -O "${sanitizer[@]}" "$target" -- -merge=1 "corpus/$target" "corpus-work/$target" >/dev/null 2>&1 || true
rm -rf "corpus-work/$target" "$seeds"
echo "corpus/$target: $(ls "corpus/$target" | wc -l) inputs"
