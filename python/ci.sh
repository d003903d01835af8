#!/usr/bin/env bash
# CI of the Python package: build the wheel, install it into a fresh venv
# with its test dependencies, run pytest (the Spark tests included, in
# local[2] mode). Called by .ci/run; runs on its own too:
#
#     bash python/ci.sh
#
# Everything it creates stays in the checkout's target/ (venv, wheel, pip's
# downloads are not cached anywhere); Java comes from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=$ROOT/target/ci-venv
WHEELS=$ROOT/target/ci-wheels
export PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_PROGRESS_BAR=off

timings=()
step_start=0
report() {
  step_end
  echo "== python: step times"
  printf '%s\n' "${timings[@]}"
}
trap report EXIT
step() {
  step_end
  step_name=$1
  step_start=$(date +%s%N)
  echo "== python: $step_name"
}
step_end() {
  if [ "$step_start" != 0 ]; then
    local tenths=$((($(date +%s%N) - step_start) / 100000000))
    timings+=("$(printf '%5d.%d s  %s' $((tenths / 10)) $((tenths % 10)) "$step_name")")
  fi
  step_start=0
}

step "clippy of the Python crates"
cargo clippy --locked -p zhclaims-python -p zhclaims-python-reference --all-targets -- -D warnings

step "java (Debian openjdk-17-jre-headless when missing)"
if ! command -v java >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
java -version 2>&1 | head -1

step "fresh venv with maturin"
rm -rf "$VENV" "$WHEELS"
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q "maturin==1.16.0"

step "wheel (maturin build --release)"
(cd python && "$VENV/bin/maturin" build --release --locked --out "$WHEELS")

step "Rust reference binaries (python/reference, release)"
# With the wheel's PyO3 configuration and both packages selected, cargo
# reuses what maturin just compiled (same dependency features) and only
# builds the two small binaries.
PYO3_CONFIG_FILE=$(ls "$ROOT"/target/maturin/pyo3-config-*.txt | head -1) PYO3_BUILD_EXTENSION_MODULE=1 \
  cargo build --release --locked -p zhclaims-python -p zhclaims-python-reference --bins

step "install the wheel and the test dependencies"
"$VENV/bin/pip" install -q "$WHEELS"/zhclaims-*.whl -r python/requirements-test.txt

step "pytest (Spark in local[2] included)"
# The installed wheel is tested, not the sources: pytest runs in tests/,
# so neither it nor Spark's Python workers (which start in the current
# directory) find python/zhclaims without its native module.
(cd python/tests && ZHCLAIMS_TEST_INSTALLED=1 PYSPARK_PYTHON="$VENV/bin/python" \
  "$VENV/bin/pytest" -q -ra -p no:cacheprovider)
