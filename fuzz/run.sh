#!/usr/bin/env bash
# Seeds fuzz/corpus/TARGET from fixtures/press and fuzz/seeds, then fuzzes TARGET.
# Usage: fuzz/run.sh TARGET [SECONDS]   (TARGET: extract | numeral | normalize)
# Needs: cargo install cargo-fuzz --locked. Works on stable Rust via RUSTC_BOOTSTRAP=1.
set -euo pipefail
target=${1:?usage: fuzz/run.sh extract|numeral|normalize [seconds]}
secs=${2:-300}
cd "$(dirname "$0")"
mkdir -p "corpus/$target"
cp ../fixtures/press/*.txt seeds/* "corpus/$target/"
RUSTC_BOOTSTRAP=1 exec cargo fuzz run -O "$target" -- \
  -max_len=4096 -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
