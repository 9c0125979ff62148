#!/usr/bin/env bash
# Runs every test: the Swift unit tests of each module, then the end-to-end suites against
# the release binary over real pipes and sockets, the clients' tests and the README examples.
# Usage: Scripts/test.sh            (from anywhere; needs pytest, jsonschema, openpyxl, jq, unzip)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "release build (zero warnings)"
log=$(mktemp)
swift build -c release 2>&1 | tee "$log"
if grep -E 'warning:' "$log" | grep -v "Source files for target" ; then
  echo "the build has warnings: they count as failures here"; exit 1
fi

step "Swift unit tests (release, so they share the build above)"
swift test -c release --parallel

export CONTPAQI_UPGRADE_BIN="$PWD/.build/release/contpaqi-upgrade"

step "schema drift: Schemas/openrpc.json == contpaqi-upgrade schema"
if ! diff -u Schemas/openrpc.json <("$CONTPAQI_UPGRADE_BIN" schema) >/dev/null; then
  echo "Schemas/openrpc.json is stale: regenerate it with"
  echo "  swift build -c release && .build/release/contpaqi-upgrade schema > Schemas/openrpc.json"
  exit 1
fi

step "end-to-end tests (real binary, pipes, Unix sockets)"
python3 -m pytest -q -p no:cacheprovider Tests/e2e

if [ -d Clients/python/tests ]; then
  step "Python client tests"
  python3 -m pytest -q -p no:cacheprovider Clients/python/tests
fi
if [ -d Clients/shell/tests ]; then
  step "shell client tests"
  for t in Clients/shell/tests/*.sh; do bash "$t"; done
fi
if [ -x Clients/examples.sh ]; then
  step "README examples"
  bash Clients/examples.sh
fi
echo; echo "all tests passed"
