"""Hostile surroundings: a directory someone else writes to (symlinks swapped in after
bind, a newer server on the same path, a stale socket that cannot be removed), absurd
Content-Length values, and clients that never read what shutdown owes them."""

import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time

import pytest

import rpc

#: How long each race runs: long enough for dozens of server starts.
RACE_SECONDS = 4.0


def start_server(path, *args, **options) -> subprocess.Popen:
    return subprocess.Popen([rpc.BIN, "serve", "--socket", path, *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **options)


def stop(process: subprocess.Popen, after: float) -> tuple[int, str]:
    """Lets a server run for `after` seconds (it may exit by itself), then stops it."""
    try:
        process.wait(after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=rpc.TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise AssertionError("the server did not exit after SIGTERM")
    return process.returncode, stderr.decode()


def background_python(code: str, *args) -> subprocess.Popen:
    """A racer in its own process: the other core, and no GIL shared with the test."""
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def racer_result(process: subprocess.Popen) -> str:
    stdout, stderr = process.communicate(timeout=RACE_SECONDS + rpc.TIMEOUT)
    assert process.returncode == 0, stderr.decode()
    return stdout.decode().strip()


# Replaces the socket with a symlink to the target the instant it appears.
SWAPPER = r"""
import os, stat, sys, time
path, target, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
spare = path + ".link"
deadline = time.monotonic() + seconds
swaps = 0
while time.monotonic() < deadline:
    for _ in range(500):
        try:
            if stat.S_ISSOCK(os.lstat(path).st_mode):
                if not os.path.lexists(spare):
                    os.symlink(target, spare)
                os.rename(spare, path)
                swaps += 1
        except OSError:
            pass
print(swaps)
"""


def test_a_symlink_swapped_in_after_bind_never_gets_the_socket_mode(sockdir):
    """Someone who can write to the socket's directory swaps a symlink in right after
    bind: nothing the server does may follow it (a chmod of the path made a root server
    give the target the socket's mode 0666)."""
    target = os.path.join(sockdir, "target")
    with open(target, "w") as precious:
        precious.write("precious\n")
    os.chmod(target, 0o600)
    path = os.path.join(sockdir, "rpc.sock")
    racer = background_python(SWAPPER, path, target, RACE_SECONDS)
    starts = 0
    deadline = time.monotonic() + RACE_SECONDS
    while time.monotonic() < deadline:
        if os.path.lexists(path):
            os.unlink(path)
        code, stderr = stop(start_server(path, "--socket-mode", "0666"), after=0.05)
        starts += 1
        assert code in (0, 1), stderr
        assert "panic" not in stderr.lower() and "fatal error" not in stderr.lower(), stderr
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600, f"start {starts} changed the target's mode"
    swaps = int(racer_result(racer))
    assert starts >= 20 and swaps >= 10, f"the race barely ran: {starts} starts, {swaps} swaps"
    assert stat.S_ISREG(os.lstat(target).st_mode)
    with open(target) as precious:
        assert precious.read() == "precious\n"


# Records the mode of each socket file at the first moment it is seen.
WATCHER = r"""
import os, stat, sys, time
path, seconds = sys.argv[1], float(sys.argv[2])
deadline = time.monotonic() + seconds
previous, first_modes = None, []
while time.monotonic() < deadline:
    for _ in range(500):
        try:
            info = os.lstat(path)
        except OSError:
            previous = None
            continue
        if (info.st_dev, info.st_ino) != previous:
            previous = (info.st_dev, info.st_ino)
            if stat.S_ISSOCK(info.st_mode):
                first_modes.append(stat.S_IMODE(info.st_mode))
print(" ".join(oct(mode) for mode in first_modes))
"""


def test_the_socket_has_its_mode_from_the_first_instant(sockdir):
    path = os.path.join(sockdir, "rpc.sock")
    watcher = background_python(WATCHER, path, RACE_SECONDS)
    time.sleep(0.2)  # the watcher is looking before the first server starts
    starts = 0
    deadline = time.monotonic() + RACE_SECONDS - 0.5
    while time.monotonic() < deadline:
        code, stderr = stop(start_server(path, "--socket-mode", "0660"), after=0.05)
        assert code == 0, stderr
        starts += 1
    seen = racer_result(watcher).split()
    # On busy cores the watcher misses some lives; it must have seen enough to mean something.
    assert len(seen) >= 5, f"the watcher saw {len(seen)} sockets in {starts} starts"
    assert set(seen) == {"0o660"}, f"modes at first sight: {sorted(set(seen))}"


def test_a_newer_servers_socket_survives_the_older_servers_exit(sockdir):
    path = os.path.join(sockdir, "rpc.sock")
    with rpc.Server(path=path, directory=sockdir) as older:
        os.rename(path, os.path.join(sockdir, "moved-away.sock"))  # as an operator's cleanup might
        with rpc.Server(path=path, directory=sockdir) as newer:
            inode = os.lstat(path).st_ino
            assert older.stop() == 0
            assert stat.S_ISSOCK(os.lstat(path).st_mode) and os.lstat(path).st_ino == inode, \
                "the older server removed the newer one's socket"
            assert "no longer this server's socket" in older.stderr(), older.stderr()
            with newer.client() as client:
                assert client.call(rpc.request(1))["id"] == 1
            assert newer.stop() == 0
            assert not os.path.lexists(path), "the newer server removes its own socket"


def test_a_stale_socket_that_cannot_be_removed_reports_the_real_error(sockdir):
    if os.geteuid() != 0:
        pytest.skip("needs root to run the server as user 65534 (nobody)")
    probe = subprocess.run([rpc.BIN, "--version"], user=65534, capture_output=True, timeout=rpc.TIMEOUT)
    if probe.returncode != 0:
        pytest.skip("user 65534 cannot run the binary here")
    os.chmod(sockdir, 0o755)
    locked = os.path.join(sockdir, "locked")
    os.mkdir(locked, 0o755)  # root's: nobody may not remove entries in it
    path = os.path.join(locked, "rpc.sock")
    leftover = socket.socket(socket.AF_UNIX)
    leftover.bind(path)
    leftover.close()
    os.chmod(path, 0o666)  # nobody's probe gets ECONNREFUSED: provably stale
    done = subprocess.run([rpc.BIN, "serve", "--socket", path], user=65534, capture_output=True,
                          timeout=rpc.TIMEOUT)
    stderr = done.stderr.decode()
    assert done.returncode == 1, stderr
    assert f"cannot remove stale socket {path}: Permission denied" in stderr, stderr
    assert "another server is listening" not in stderr, stderr


@pytest.mark.parametrize("digits", [19, 20])
def test_a_length_of_more_than_18_digits_answers_then_closes(shared_server, digits):
    with shared_server.client(timeout=10) as client:
        client.send(f"Content-Length: {'9' * digits}\r\n\r\n".encode() + rpc.framed(rpc.request(1)))
        rejected = client.recv_framed()
        assert rejected["error"]["code"] == -32600 and rejected["id"] is None
        assert "18 digits" in rejected["error"]["data"]["reason"]
        started = time.monotonic()
        assert client.is_closed_by_peer(timeout=5), "the connection stayed open"
        assert time.monotonic() - started < 2, "EOF came late"


def test_an_18_digit_length_over_the_limit_skips_the_body_and_the_connection_stays(sockdir):
    with rpc.Server("--max-message-bytes", "1000", directory=sockdir) as server:
        with server.client(timeout=10) as client:
            client.send(b"Content-Length: 000000000000002000\r\n\r\n")
            rejected = client.recv_framed()
            assert rejected["error"]["code"] == -32600 and rejected["id"] is None
            client.send(b"x" * 2000 + rpc.framed(rpc.request("next")))
            answer = client.recv_framed()
            assert answer["id"] == "next" and "result" in answer
        assert server.stop() == 0


def whole_answers(received: bytes, framing: str) -> int:
    """How many answers arrived whole; a partial one at the end does not count."""
    if framing == "lines":
        return received.count(b"\n")
    count = 0
    while b"\r\n\r\n" in received:
        head, _, rest = received.partition(b"\r\n\r\n")
        length = int(head.split(b": ", 1)[1])
        if len(rest) < length:
            break
        count, received = count + 1, rest[length:]
    return count


@pytest.mark.parametrize("framing", ["lines", "headers"])
@pytest.mark.parametrize("read_first", [0, 450_000], ids=["never-reads", "stops-reading"])
def test_the_shutdown_timeout_drops_unread_answers_and_counts_them(sockdir, framing, read_first):
    """Large answers (40 kB each) owed to a client that never reads, or stops reading
    after the server has dropped written answers from its buffer: after SIGTERM the
    server waits --shutdown-timeout, then exits 0 and logs how many it could not deliver,
    which is exactly how many the client did not get whole."""
    requests = 20  # all fit under the server's 1 MiB of unsent answers: all are answered
    frame = rpc.line if framing == "lines" else rpc.framed
    with rpc.Server("--shutdown-timeout", "1", directory=sockdir) as server:
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client.settimeout(rpc.TIMEOUT)
        client.connect(server.path)
        client.sendall(b"".join(frame(rpc.request(i, "rpc.discover")) for i in range(requests)))
        received = bytearray()
        while len(received) < read_first:
            received += client.recv(min(1 << 16, read_first - len(received)))
        time.sleep(0.5)  # all read and answered; the answers wait in the server
        started = time.monotonic()
        assert server.stop(timeout=10) == 0
        elapsed = time.monotonic() - started
        while chunk := client.recv(1 << 20):
            received += chunk
        client.close()
        log = server.stderr()
    assert 0.9 <= elapsed < 2.5, f"exit took {elapsed:.2f} s with --shutdown-timeout 1"
    delivered = whole_answers(bytes(received), framing)
    assert delivered < requests, "the client got everything: the test did not hold answers back"
    found = re.search(r"shutdown deadline passed: dropped (\d+) answers? on 1 connection\b", log)
    assert found, log
    assert int(found.group(1)) == requests - delivered, f"{delivered} delivered; log: {found.group(0)}"


def test_a_fractional_shutdown_timeout_is_honoured(sockdir):
    with rpc.Server("--shutdown-timeout", "0.3", directory=sockdir) as server:
        with server.client() as greedy:
            greedy.push_until_blocked(rpc.line(rpc.request(1, "rpc.discover")) * 100)
            started = time.monotonic()
            assert server.stop(timeout=10) == 0
            elapsed = time.monotonic() - started
        assert "shutdown deadline passed: dropped" in server.stderr(), server.stderr()
    assert 0.25 <= elapsed < 1.5, f"exit took {elapsed:.2f} s with --shutdown-timeout 0.3"


def test_stdio_takes_the_shutdown_timeout():
    done = rpc.run_stdio(rpc.line(rpc.request(1)), args=("serve", "--stdio", "--shutdown-timeout", "0.5"))
    assert done.returncode == 0, done.stderr.decode()
    assert [r["id"] for r in rpc.parse_lines(done.stdout)] == [1]


@pytest.mark.parametrize("value", ["0", "-1", "abc", "", "inf", "nan", "0x10", "1e3", ".", "1.2.3", "86401"])
def test_bad_shutdown_timeouts_are_usage_errors(value):
    done = subprocess.run([rpc.BIN, "serve", "--stdio", "--shutdown-timeout", value], stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=rpc.TIMEOUT)
    assert done.returncode == 2 and done.stdout == b""
    assert f"--shutdown-timeout needs a positive number of seconds up to 86400, got '{value}'" in done.stderr.decode()


def test_a_missing_shutdown_timeout_value_is_a_usage_error():
    done = subprocess.run([rpc.BIN, "serve", "--shutdown-timeout"], capture_output=True, timeout=rpc.TIMEOUT)
    assert done.returncode == 2 and b"--shutdown-timeout needs a value (SECONDS)" in done.stderr


def test_help_documents_the_shutdown_timeout():
    done = subprocess.run([rpc.BIN, "--help"], capture_output=True, timeout=rpc.TIMEOUT)
    found = re.search(rb"\n  --shutdown-timeout SECONDS ([^\n]|\n {20,})*", done.stdout)
    assert found and b"(default 5;" in found.group(0), done.stdout.decode()
