#!/usr/bin/env bash
# Every test of the workspace: the library (with the scorer-agreement test,
# which needs python3), the command-line tool (its HTML page in headless
# Chromium) and the Python package with its Spark stage (a wheel in a fresh
# venv). Installs what is missing from Debian: python3 and python3-venv here,
# Chromium in cli/ci.sh, Java in python/ci.sh. This is the README's test
# command; .ci/run runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  echo "== apt-get install python3 python3-venv"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq python3 python3-venv >/dev/null
fi

echo "== library: cargo test"
cargo test --locked

bash cli/ci.sh
bash python/ci.sh
