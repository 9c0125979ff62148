"""Messages built to cost the server memory or time (issue 11): batches asking for far more
answer than they weigh, from clients that never read; parse trees of tiny values; error
answers for thousands of unknown fields; a parent that stops reading stdout. Memory is read
from /proc; bounds are stated with each test and sit well below what each cost before."""

import json
import os
import signal
import socket
import subprocess
import threading
import time

import pytest

import rpc

MIB = 1 << 20


def cpu_ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def settle(pid: int, quiet=0.3, timeout=60):
    """Waits until the process has used no CPU for `quiet` seconds: done with what it can do."""
    deadline = time.monotonic() + timeout
    last, since = cpu_ticks(pid), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = cpu_ticks(pid)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
    raise AssertionError("the server never went idle")


def rss_mb(pid: int, field="VmRSS") -> float:
    return rpc.rss_kb(pid)[field] / 1024


def compact(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def batch_of(member: bytes, size=MIB) -> tuple[bytes, int]:
    """A batch of copies of `member` just under `size` bytes, and how many it holds."""
    count = (size - 2) // (len(member) + 1)
    return b"[" + b",".join([member] * count) + b"]", count


def numbered_batch(template: str, size=MIB) -> tuple[bytes, int]:
    """A batch of `template` with ids 0, 1, 2, … just under `size` bytes."""
    members, total, index = [], 2, 0
    while True:
        member = template.replace("ID", str(index)).encode()
        if total + len(member) + 1 > size:
            return b"[" + b",".join(members) + b"]", index
        members.append(member)
        total += len(member) + 1
        index += 1


def expect_stream(client: rpc.Client, parts):
    """Reads the connection and checks it carries exactly the concatenation of `parts`,
    without ever holding all of it (a batch of rpc.discover answers is 0.8 GB)."""
    pending = bytearray(client.buffer)
    client.buffer = b""
    for part in parts:
        while len(pending) < len(part):
            chunk = client.sock.recv(4 * MIB)
            assert chunk, f"connection closed; expected {part[:80]!r}"
            pending += chunk
        assert pending[:len(part)] == part, f"expected {part[:120]!r}, got {bytes(pending[:120])!r}"
        del pending[:len(part)]
    client.buffer = bytes(pending)


def answer_bytes(server: rpc.Server, message: dict) -> bytes:
    """The exact bytes of the answer to one request, without its line end."""
    with server.client() as client:
        client.send_json(message)
        while b"\n" not in client.buffer:
            chunk = client.sock.recv(MIB)
            assert chunk, "closed before the answer"
            client.buffer += chunk
        return client.buffer.partition(b"\n")[0]


@pytest.fixture
def server(sockdir):
    with rpc.Server("--max-message-bytes", str(4 * MIB), directory=sockdir) as running:
        with running.client() as warm:
            warm.call(rpc.request(0))
        yield running


def discover_result(server) -> bytes:
    line = answer_bytes(server, rpc.request(0, "rpc.discover"))
    prefix = b'{"jsonrpc":"2.0","id":0,"result":'
    assert line.startswith(prefix) and line.endswith(b"}")
    return line[len(prefix):-1]


def test_a_non_reader_of_a_discover_batch_holds_little_then_gets_every_answer_in_order(server):
    """One 1 MiB batch of rpc.discover asks for 0.8 GB of answers. Before: 55 MB pinned for a
    client that does not read (20 MB of answers written past the 1 MiB mark), and members
    past a 16 MiB budget refused. Now: under 20 MB, and every member answered, in order, as
    the client reads."""
    batch, count = numbered_batch('{"jsonrpc":"2.0","method":"rpc.discover","id":ID}')
    result = discover_result(server)
    idle = rss_mb(server.pid)
    with server.client(timeout=120) as client:
        client.send(batch + b"\n")
        settle(server.pid)
        held = rss_mb(server.pid) - idle
        assert held < 20, f"a client that does not read holds {held:.1f} MB"
        expect_stream(client, (
            (b"[" if i == 0 else b",") + b'{"jsonrpc":"2.0","id":%d,"result":' % i + result + b"}"
            for i in range(count)))
        expect_stream(client, [b"]\n"])
        assert client.call(rpc.request("after"))["id"] == "after"
    print(f"{count} members, {count * len(result) / 1e6:.0f} MB of answers")
    peak = rss_mb(server.pid, "VmHWM") - idle
    assert peak < 30, f"peak RSS {peak:.1f} MB above idle while 0.8 GB of answers went out"


def test_a_content_length_batch_too_large_to_hold_is_counted_then_streamed(server):
    """Content-Length needs the answer's size first: a batch whose answer passes the mark is
    run once to count it (a step at a time), then written as the client reads."""
    count = 3000
    members = [b'{"jsonrpc":"2.0","method":"rpc.discover","id":%d}' % i for i in range(count)]
    body = b"[" + b",".join(members) + b"]"
    result = discover_result(server)
    answers = [(b"[" if i == 0 else b",") + b'{"jsonrpc":"2.0","id":%d,"result":' % i + result + b"}"
               for i in range(count)]
    total = sum(map(len, answers)) + 1
    with server.client(timeout=120) as client:
        client.send(rpc.framed(body))
        expect_stream(client, [b"Content-Length: %d\r\n\r\n" % total] + answers + [b"]"])
        client.send(rpc.framed(rpc.request("after")))
        assert client.recv_framed()["id"] == "after"


def test_a_batch_past_the_old_answer_budget_answers_every_member(server):
    """Members past a 16 MiB budget used to be refused, and those without an id got no
    entry at all. 100,000 members, a third each of getCatalog, notifications and invalid
    requests without an id: every answer comes, in order."""
    members, expected = [], []
    catalog = answer_bytes(server, rpc.request(0))
    invalid = answer_bytes(server, {"jsonrpc": "2.0", "method": 1})
    assert b'"id":null' in invalid
    prefix = b'{"jsonrpc":"2.0","id":0,'
    for i in range(100_000):
        if i % 3 == 0:
            members.append(compact(rpc.request(i)))
            expected.append(b'{"jsonrpc":"2.0","id":%d,' % i + catalog[len(prefix):])
        elif i % 3 == 1:
            members.append(compact(rpc.request(..., "getCatalog")))
        else:
            members.append(b'{"jsonrpc":"2.0","method":1}')
            expected.append(invalid)
    batch = b"[" + b",".join(members) + b"]\n"
    assert len(batch) < 4 * MIB and sum(map(len, expected)) > 32 * MIB
    with server.client(timeout=120) as client:
        client.send(batch)
        expect_stream(client, [(b"[" if i == 0 else b",") + part for i, part in enumerate(expected)] + [b"]\n"])
        assert client.call(rpc.request("after"))["id"] == "after"


def costliest_message(server) -> bytes:
    """The 1 MiB message that pins the most for a client that never reads: a batch whose
    answers fill the 1 MiB mark almost exactly (rpc.discover, 42 kB each), then the largest
    answer there is (requestKeys of 1,000 systems: 66 kB asking for 1.1 MB), and more of
    those, never run. The connection then holds the mark, that one answer and the unrun
    members: about 3.1 MB."""
    discover = compact(rpc.request(1, "rpc.discover"))
    fill = (MIB - 1) // (len(answer_bytes(server, rpc.request(1, "rpc.discover"))) + 1)
    types = ["Factura electrónica", "Contabilidad", "Nóminas", "Bancos"]
    params = {"company": "Empresa de muestra, S.A. de C.V.", "contactName": "Raul Gonzalez Rivera",
              "contactEmail": "rgonzalez@empresamuestra.com.mx", "sentAt": "2012-01-10T16:30:00-06:00",
              "systems": [{"systemType": types[i % 4], "serialNumber": f"AAAA-BBBB-CCCC-{i:04X}"}
                          for i in range(1000)]}
    keys = compact(rpc.request(1, "requestKeys", params))
    members = [discover] * fill
    while sum(map(len, members)) + len(members) + len(keys) + 2 <= MIB:
        members.append(keys)
    return b"[" + b",".join(members) + b"]"


def test_two_hundred_non_readers_of_the_costliest_message_hold_bounded_memory(server):
    """40 clients that never read, each with a 1 MiB batch of rpc.discover, held 1.6 GB
    before. Now each connection holds at most about 1 MiB of answers plus one, and the rest
    of its batch: 200 clients with the costliest message stay under 4 MB each (800 MB)."""
    batch = costliest_message(server)
    idle = rss_mb(server.pid)
    clients = []
    try:
        for _ in range(200):
            client = server.client(timeout=60)
            client.send(batch + b"\n")
            clients.append(client)
        settle(server.pid)
        held = rss_mb(server.pid) - idle
        print(f"200 non-readers hold {held:.0f} MB")
        assert held < 200 * 4, f"200 non-readers hold {held:.0f} MB"
        with server.client(timeout=10) as other:  # still serving
            assert other.call(rpc.request("other"))["id"] == "other"
    finally:
        for client in clients:
            client.close()
    settle(server.pid)
    after = rss_mb(server.pid) - idle
    assert after < 20, f"{after:.1f} MB still held after the clients left"


def test_a_batch_of_empty_objects_peaks_under_sixteen_times_its_size(server):
    """[{},{},…] of 1 MiB peaked at 167 MB (a parse tree of 130 bytes per byte) and left
    133 MB resident. Its 350,000 answers are 46 MB; read as they come, the server peaks
    under 16 MiB above idle and goes back near idle."""
    batch, count = batch_of(b"{}")
    idle = rss_mb(server.pid)
    with server.client(timeout=120) as client:
        client.send(batch + b"\n")
        answer = client.recv_line()
        assert len(answer) == count and all(item["error"]["code"] == -32600 for item in answer[::1000])
    peak = rss_mb(server.pid, "VmHWM") - idle
    assert peak <= 16, f"peak {peak:.1f} MB above idle for a {len(batch)}-byte message"
    settle(server.pid)
    after = rss_mb(server.pid) - idle
    assert after < 6, f"{after:.1f} MB above idle after the message"


def unknown_fields_message(count: int, id_=...) -> bytes:
    fields = ",".join(f'"u{i}":0' for i in range(count))
    head = '{"jsonrpc":"2.0","method":"checkEligibility",' + ("" if id_ is ... else f'"id":{id_},')
    return (head + '"params":{' + fields + "}}").encode()


def test_thousands_of_unknown_fields_cost_one_short_answer_and_stall_nobody(server):
    """95,000 unknown fields: the answer lists 100 errors and says truncated (it listed all
    95,001 in 8 MB), and one such notification no longer costs a loop thread 0.4 s. A client
    on the side completes its round trips while another sends them back to back."""
    notification = unknown_fields_message(95_000)
    request = unknown_fields_message(95_000, id_=7)
    assert len(request) < MIB
    with server.client(timeout=60) as client:
        client.send(notification + b"\n" + request + b"\n")
        answer = client.recv_line()
    errors = answer["error"]["data"]["errors"]
    assert answer["id"] == 7 and len(errors) == 100 and answer["error"]["data"]["truncated"] is True
    assert errors[0]["path"] == "/purchaseDate" and errors[0]["code"] == "REQUIRED"
    assert [e["path"] for e in errors[1:4]] == ["/u0", "/u1", "/u2"]

    stop, sent = threading.Event(), [0]

    def attack():
        with server.client(timeout=60) as attacker:
            while not stop.is_set():
                attacker.send(notification + b"\n" + request + b"\n")
                attacker.recv_line()
                sent[0] += 2

    attacker = threading.Thread(target=attack, daemon=True)
    attacker.start()
    try:
        rpc.wait_until(lambda: sent[0] >= 2, 30, what="the attacker's first answer")
        trips, slowest, started = 0, 0.0, time.monotonic()
        with server.client(timeout=30) as legit:
            while sent[0] < 40 or trips < 200:
                began = time.monotonic()
                assert legit.call(rpc.request(trips))["id"] == trips
                slowest = max(slowest, time.monotonic() - began)
                trips += 1
                assert time.monotonic() - started < 60, f"{trips} round trips, attacker at {sent[0]}"
    finally:
        stop.set()
        attacker.join(60)
    # Generous: an attacker's message costs milliseconds now (0.4 s and 0.7 s before).
    assert slowest < 2, f"a round trip took {slowest:.2f}s beside the attacker"
    print(f"{trips} round trips (slowest {slowest * 1000:.1f} ms) beside {sent[0]} messages "
          f"of 95,000 unknown fields in {time.monotonic() - started:.2f}s")


def start_stdio(*args, stdout):
    return subprocess.Popen([rpc.BIN, "serve", "--stdio", *args], stdin=subprocess.PIPE, stdout=stdout,
                            stderr=subprocess.PIPE)


DISCOVER_LINES = rpc.line(rpc.request(1, "rpc.discover")) * 1337


def test_stdio_stdout_never_read_ends_at_the_shutdown_deadline_with_status_1():
    """A parent that stops reading stdout used to leave SIGTERM unheeded (only SIGKILL
    ended it). Now answers stop at the high-water mark, and after SIGTERM the process exits
    1 at the shutdown deadline (5 s), counting what it dropped."""
    unread, stdout = os.pipe()
    process = start_stdio(stdout=stdout)
    os.close(stdout)
    try:
        process.stdin.write(DISCOVER_LINES)
        process.stdin.flush()
        settle(process.pid)
        assert rss_mb(process.pid) < 20, "answers piled up past the mark"
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        status = process.wait(5 + 1 + 2)  # the deadline, a second's grace, and CI slack
        took = time.monotonic() - started
    finally:
        process.kill()
        process.wait()
        os.close(unread)
    stderr = process.stderr.read().decode()
    assert status == 1, stderr
    assert took < 5 + 1, f"exited {took:.2f}s after SIGTERM"
    assert "dropped=" in stderr and "stdout is not being read" in stderr, stderr


def test_stdio_slow_reader_of_1337_discover_answers_costs_bounded_memory():
    """1,337 rpc.discover lines in one 64 KiB read were all answered before writing: 55.6 MB.
    Now the answers go out as the parent reads them, and the server stays under 20 MB."""
    process = start_stdio(stdout=subprocess.PIPE)
    try:
        process.stdin.write(rpc.line(rpc.request(0)))
        process.stdin.flush()
        assert json.loads(process.stdout.readline())["id"] == 0
        baseline = rss_mb(process.pid)
        process.stdin.write(DISCOVER_LINES)
        process.stdin.close()
        answers, peak, tail = 0, baseline, b""
        while True:
            chunk = process.stdout.read1(16 << 10)
            if not chunk:
                break
            lines = (tail + chunk).split(b"\n")
            tail = lines.pop()
            for line in lines:
                assert line.startswith(b'{"jsonrpc":"2.0","id":1,"result":{"openrpc":'), line[:80]
            answers += len(lines)
            try:
                peak = max(peak, rss_mb(process.pid, "VmHWM"))
            except (OSError, KeyError):
                pass  # exited after its last answer
            time.sleep(0.001)  # a slow reader
        assert process.wait(rpc.TIMEOUT) == 0 and tail == b""
    finally:
        process.kill()
        process.wait()
    assert answers == 1337
    assert peak - baseline < 20, f"RSS reached {peak:.1f} MB (started at {baseline:.1f})"
