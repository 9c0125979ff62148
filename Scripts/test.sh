#!/usr/bin/env bash
# Runs every test: the Swift unit tests of each module, then the end-to-end suites against
# the release binary over real pipes and sockets, the clients' tests and the README examples.
# Usage: Scripts/test.sh            (from anywhere; it installs what it needs: Scripts/test-deps.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "test dependencies (apt tools when root, pinned Python packages in .build/test-venv)"
source Scripts/test-deps.sh

step "release build (zero warnings)"
log=$(mktemp)
swift build -c release 2>&1 | tee "$log"
# The static link's one warning is glibc's about dlopen, which the service never calls.
if grep -E 'warning:' "$log" | grep -v -e "Source files for target" -e "Using 'dlopen' in statically linked" ; then
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
step "Swift sample (Clients/swift; README \"From Swift\"), built and run against the release binary"
# Its own scratch path, so the second package neither rebuilds nor disturbs the first's
# build; it compiles only the two library modules it uses. Build logs go to stderr.
swift run -c release --package-path Clients/swift --scratch-path .build/swift-sample \
  contpaqi-upgrade-sample "$CONTPAQI_UPGRADE_BIN" > .build/swift-sample.out
diff -u Clients/swift/expected-output.txt .build/swift-sample.out

step "editor snippets (Neovim vim.lsp.rpc, Emacs jsonrpc.el; README \"From editors\")"
bash Clients/editors/test.sh

if [ -x Clients/examples.sh ]; then
  step "README examples"
  bash Clients/examples.sh README.md
  bash Clients/examples.sh Clients/README.md
fi

step "soak: 200 connections x 1000 requests, clients killed mid-message, non-readers, SIGTERM"
python3 Tests/soak/soak.py "$CONTPAQI_UPGRADE_BIN" --connections 200 --requests 1000

step "fuzzing: 60 s of libFuzzer with the address sanitizer"
Fuzz/run.sh "${FUZZ_SECONDS:-60}" 2>&1 | grep -E "INITED|DONE|ERROR|SUMMARY|stat::number_of_executed_units"

step "sanitizers: the Swift tests under ThreadSanitizer and AddressSanitizer"
swift test --sanitize=thread --scratch-path .build-tsan
LSAN_OPTIONS="suppressions=$PWD/Tests/lsan-suppressions.txt" swift test --sanitize=address --scratch-path .build-asan

step "sanitizers: the socket server under ThreadSanitizer, through a soak"
swift build --sanitize=thread --scratch-path .build-tsan --product contpaqi-upgrade
TSAN_OPTIONS="halt_on_error=1 exitcode=66" \
  python3 Tests/soak/soak.py "$PWD/.build-tsan/debug/contpaqi-upgrade" --connections 50 --requests 200

echo; echo "all tests passed"
