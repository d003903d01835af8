#!/usr/bin/env bash
# Seeds fuzz/corpus/TARGET from fixtures/press and fuzz/seeds, then fuzzes TARGET.
# Usage: fuzz/run.sh TARGET [SECONDS]
#   TARGET: extract | numeral | normalize | structured
# Needs: cargo install cargo-fuzz --locked. Works on stable Rust via RUSTC_BOOTSTRAP=1.
# `structured` builds texts of up to 1 MB from each input. Extraction takes
# at most 0.3 s on them in a release build and the fuzzing build is about 40
# times slower, so a 30 s timeout passes every linear input and catches a
# path that needs 3 s or more in a release build (10 times linear); it runs
# in fork mode, where a timeout is saved to fuzz/artifacts/structured/ and
# the run goes on (a crash still stops it).
set -euo pipefail
target=${1:?usage: fuzz/run.sh extract|numeral|normalize|structured [seconds]}
secs=${2:-300}
cd "$(dirname "$0")"
mkdir -p "corpus/$target" "artifacts/$target"
cp ../fixtures/press/*.txt seeds/* "corpus/$target/"
extra=(-timeout=10)
if [ "$target" = structured ]; then
  extra=(-timeout=30 -fork=1 -ignore_timeouts=1 -ignore_ooms=0 -ignore_crashes=0)
fi
RUSTC_BOOTSTRAP=1 exec cargo fuzz run -O "$target" -- \
  -max_len=4096 -max_total_time="$secs" -rss_limit_mb=4096 \
  -print_final_stats=1 "${extra[@]}"
