#!/usr/bin/env bash
# Shrinks fuzz/corpus/TARGET (or every target) to a set cover of its coverage, then leaves out
# inputs over 8 KB (mutations of the large real files it was seeded from), so the committed
# corpus stays small. The tests replay what is left.
#   fuzz/minimize.sh [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(ls fuzz_targets | sed 's/\.rs$//'))
for t in "${targets[@]}"; do
  [ -d "corpus/$t" ] || continue
  tmp=$(mktemp -d)
  cargo fuzz run -O "$t" -- -set_cover_merge=1 -max_len=65536 "$tmp" "corpus/$t" >/dev/null 2>&1
  find "$tmp" -type f -size +8k -delete
  rm -rf "corpus/$t"
  mv "$tmp" "corpus/$t"
  echo "corpus/$t: $(ls "corpus/$t" | wc -l) inputs, $(du -sh "corpus/$t" | cut -f1)"
done
