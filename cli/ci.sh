#!/usr/bin/env bash
# CI for the command-line tool (cli/, package zhclaims-cli): its lints and
# its tests, including the HTML page in headless Chromium. Called by .ci/run;
# installs what the tests need from Debian (chromium and its WebDriver, a CJK
# font for the screenshot) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in chromium chromium-driver fonts-wqy-zenhei; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
    need+=("$pkg")
done
if ((${#need[@]})); then
  echo "== cli: apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "== cli: clippy"
cargo clippy -p zhclaims-cli --all-targets --locked -- -D warnings

echo "== cli: tests (CI=${CI:-}: the browser test fails rather than skips without chromium)"
cargo test -p zhclaims-cli --locked
