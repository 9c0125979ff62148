#!/usr/bin/env bash
# Builds the libFuzzer target (address sanitizer on) and runs it.
#   Fuzz/run.sh [SECONDS] [extra libFuzzer flags]     default 60 seconds
# Findings are written to Fuzz/findings/ (crash-*, leak-*, timeout-*); the seed corpus is
# Fuzz/corpus/ (committed) and new inputs go to a scratch corpus, not into git.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}; shift || true
scratch=.build-fuzz
flags=(-Xswiftc -sanitize=fuzzer,address)  # one flag: given twice, the later replaces the earlier
for target in ContpaqiUpgradeService RPCTransport; do  # one --target per call: SwiftPM keeps only the last
  swift build -c release --scratch-path "$scratch" --target "$target" "${flags[@]}" >/dev/null
done
build=$(cd "$scratch/release" && pwd -P)  # a symlink to the triple's folder
objects=$(find "$build" -path '*/contpaqi_upgrade*' -prune -o \( -path '*.build/*.o' -a ! -path '*Tests.build/*' \) -print)
modules=$build/Modules
swiftc -sanitize=fuzzer,address -parse-as-library -O -g Fuzz/FuzzTarget.swift -I "$modules" \
  -I Sources/CSystem/include -Xcc -fmodule-map-file="$build/CSystem.build/module.modulemap" $objects -o "$scratch/fuzzer" 2>&1 | grep -v "Cannot export local symbol" || true
mkdir -p Fuzz/findings "$scratch/corpus"
exec "$scratch/fuzzer" "$scratch/corpus" Fuzz/corpus -max_total_time="$seconds" -rss_limit_mb=2048 \
  -max_len=8192 -artifact_prefix=Fuzz/findings/ -print_final_stats=1 "$@"
