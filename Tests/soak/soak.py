"""Soak test: many clients, hostile ones among them, then SIGTERM.

    python3 Tests/soak/soak.py BINARY [--connections 1000] [--requests 1000]

Checks, against the real binary on a real Unix socket:
- every request of every well-behaved client is answered exactly once, in order;
- clients killed mid-message and clients that never read cost nothing: the others keep
  being answered and the server's RSS stays bounded;
- on SIGTERM every request already sent is answered, the server exits 0 and removes its
  socket file.
Exits non-zero with a reason on the first broken promise.
"""
import argparse
import asyncio
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time

REQUEST = ('{"jsonrpc":"2.0","id":%d,"method":"checkEligibility",'
           '"params":{"purchaseDate":"2011-08-15","systemType":"nominas"}}\n')


def rss_mb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


async def well_behaved(path, client, count, window, failures):
    """Pipelines `count` requests, `window` at a time, and checks every answer."""
    reader, writer = await asyncio.open_unix_connection(path, limit=1 << 20)
    base = client * 1_000_000
    expected = 0
    sent = 0
    pending = b""
    while expected < count:
        if sent < count and sent - expected < window:
            batch = min(count, expected + window) - sent
            writer.write("".join(REQUEST % (base + sent + i) for i in range(batch)).encode())
            sent += batch
            await writer.drain()
        chunk = await asyncio.wait_for(reader.read(1 << 16), 60)
        if not chunk:
            failures.append(f"client {client}: connection closed after {expected} answers")
            return
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            answer = json.loads(line)
            if answer.get("id") != base + expected or "result" not in answer:
                failures.append(f"client {client}: expected id {base + expected}, got {line[:120]!r}")
                return
            expected += 1
    writer.close()
    await writer.wait_closed()


async def killed_mid_message(path, rng):
    """Sends a few requests, then half of one, then vanishes without reading."""
    _, writer = await asyncio.open_unix_connection(path)
    whole = "".join(REQUEST % i for i in range(rng.randint(0, 20)))
    half = REQUEST % 7
    writer.write((whole + half[: rng.randint(1, len(half) - 2)]).encode())
    await writer.drain()
    writer.transport.abort()


async def never_reads(path, megabytes):
    """Sends requests and never reads a single answer."""
    _, writer = await asyncio.open_unix_connection(path)
    chunk = ("".join(REQUEST % i for i in range(1000))).encode()
    try:
        for _ in range(int(megabytes * (1 << 20) / len(chunk))):
            writer.write(chunk)
            await asyncio.wait_for(writer.drain(), 2)
    except (asyncio.TimeoutError, ConnectionError):
        pass  # the server stopped reading us: that is the point
    return writer


async def sends_then_waits(path, client, count, sent_all, results):
    """Sends everything, reports it, then reads until the server closes (after SIGTERM)."""
    reader, writer = await asyncio.open_unix_connection(path, limit=1 << 20)
    writer.write("".join(REQUEST % (client * 1_000_000 + i) for i in range(count)).encode())
    await writer.drain()
    sent_all.release()
    ids = []
    while True:
        line = await asyncio.wait_for(reader.readline(), 60)
        if not line:
            break
        ids.append(json.loads(line)["id"])
    results[client] = ids


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--window", type=int, default=64)
    parser.add_argument("--killed", type=int, default=100)
    parser.add_argument("--non-readers", type=int, default=4)
    parser.add_argument("--rss-limit-mb", type=float, default=150)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    rng = random.Random(20111)

    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "soak.sock")
    server = subprocess.Popen([args.binary, "serve", "--socket", path, "--max-connections",
                               str(args.connections + args.killed + args.non_readers + 100),
                               "--log-level", "warn"])
    for _ in range(500):
        if os.path.exists(path):
            break
        time.sleep(0.01)
    started = time.monotonic()
    failures = []
    peak = 0.0

    async def watch_rss():
        nonlocal peak
        while True:
            peak = max(peak, rss_mb(server.pid))
            await asyncio.sleep(0.05)

    watcher = asyncio.create_task(watch_rss())
    hogs = [await never_reads(path, 4) for _ in range(args.non_readers)]
    chaos = [killed_mid_message(path, rng) for _ in range(args.killed)]
    clients = [well_behaved(path, c, args.requests, args.window, failures) for c in range(args.connections)]
    work = clients + chaos
    rng.shuffle(work)
    await asyncio.gather(*work)
    elapsed = time.monotonic() - started
    total = args.connections * args.requests
    print(f"{total} requests over {args.connections} connections in {elapsed:.1f}s "
          f"({total / elapsed:.0f}/s), {args.killed} killed mid-message, "
          f"{args.non_readers} never reading; peak RSS {peak:.1f} MB")

    # SIGTERM with requests in flight: each of these clients has sent all its requests.
    finals, results = 20, {}
    sent_all = asyncio.Semaphore(0)
    tasks = [asyncio.create_task(sends_then_waits(path, 9000 + c, 200, sent_all, results)) for c in range(finals)]
    for _ in range(finals):
        await sent_all.acquire()
    await asyncio.sleep(0.05)  # let the kernel hand the bytes over
    server.send_signal(signal.SIGTERM)
    await asyncio.gather(*tasks)
    watcher.cancel()
    for writer in hogs:
        writer.transport.abort()
    code = server.wait(timeout=30)

    for client, ids in results.items():
        if ids != [client * 1_000_000 + i for i in range(200)]:
            failures.append(f"after SIGTERM client {client} got {len(ids)} of 200 answers")
    if code != 0:
        failures.append(f"server exited {code}")
    if os.path.exists(path):
        failures.append("socket file left behind")
    if peak > args.rss_limit_mb:
        failures.append(f"peak RSS {peak:.1f} MB over {args.rss_limit_mb} MB")
    if failures:
        print("SOAK FAILED:\n  " + "\n  ".join(failures[:20]))
        sys.exit(1)
    print("soak passed: every answer exactly once and in order; SIGTERM answered all in flight; exit 0; socket removed")


asyncio.run(main())
