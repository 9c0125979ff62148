#!/usr/bin/env bash
# The benchmark: speed and memory of the release build, measured, never asserted.
#   Scripts/bench.sh            # full run (~3 minutes)
#   REQUESTS=50000 Scripts/bench.sh   # quicker, noisier
# 1. The shared yardstick (../shared/bench): our server and this machine's transport limit
#    (a server doing no JSON work) under the same load, side by side; quote the ratios.
#    Then the p50 latency one request at a time, ours over the limit's (the yardstick's tools).
# 2. In-process cost of each method (contpaqi-upgrade-bench), requestKeys at 1…1000 systems.
# 2b. The error path: 5 errors, and 95,000 unknown fields (at most 100 are listed).
# 3. RSS: idle, with 1000 idle connections, peak while a 200 MB line is rejected, peak for a
#    1 MiB batch of empty objects, and 1024 clients that send the costliest 1 MiB message
#    and never read (then after they close).
set -euo pipefail
cd "$(dirname "$0")/.."
bench_dir=${BENCH_DIR:-$(cd .. && pwd)/shared/bench}
# The release build is the deployment build and the README's: fully static (Package.swift),
# so a one-shot call pays no dynamic linking. BIN= measures another binary (an older commit's).
swift build -c release 2>&1 | grep -v "Using 'dlopen' in statically linked" | grep -E "error|warning" || true
bin=${BIN:-$PWD/.build/release/contpaqi-upgrade}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(uname -r)"
if [ -x "$bench_dir/yardstick.sh" ]; then
  echo "== yardstick (checkEligibility; ratio = ours / limit, same run)"
  "$bench_dir/yardstick.sh" "$bin serve --socket {sock}" "$bin serve --stdio"
else
  echo "== yardstick skipped: $bench_dir/yardstick.sh not found (set BENCH_DIR)"
fi

# The yardstick quotes throughput ratios; the latency row of the targets is a ratio of
# medians, one request at a time, server and load generator pinned as the yardstick pins them.
yardstick_bin=${YARDSTICK_BIN:-/tmp/yardstick-bin}
if [ -x "$yardstick_bin/rpcload" ] && [ -x "$yardstick_bin/limit-server" ]; then
  echo "== one request at a time (unix, 20000 requests): p50 latency, ours / limit"
  sock_dir=$(mktemp -d)
  p50() {  # $@ = server command; prints its p50 in microseconds
    rm -f "$sock_dir/s.sock"
    taskset -c 1 "$@" >/dev/null 2>&1 & local pid=$!
    for _ in $(seq 100); do [ -S "$sock_dir/s.sock" ] && break; sleep 0.05; done
    "$yardstick_bin/rpcload" --unix "$sock_dir/s.sock" --window 1 --requests 20000 --cpu 0 --json 2>/dev/null \
      | tail -1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["p50_us"])'
    kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  }
  ours=$(p50 "$bin" serve --socket "$sock_dir/s.sock"); limit=$(p50 "$yardstick_bin/limit-server" --socket "$sock_dir/s.sock")
  rm -rf "$sock_dir"
  python3 -c "print(f'p50 {$ours} us, limit {$limit} us: {$ours/$limit:.2f}x (target <= 1.2x)')"
fi

echo "== in-process cost per call"
.build/release/contpaqi-upgrade-bench "${SECONDS_PER_CASE:-1}"

echo "== memory"
python3 Scripts/bench_memory.py "$bin"
