"""No client can take the service down: idle, slow and non-reading connections are closed
by --idle-timeout, --read-timeout and --write-timeout; a full --max-connections makes room
by closing the connection idle longest; refusals are logged at most once a second.

Every server here runs with small timeouts, so each test takes a few seconds at most.
"""

import re
import select
import socket
import subprocess
import threading
import time
from datetime import datetime

import pytest

import rpc

PARTIAL = b'{"jsonrpc":"2.0",'


def rest_of_partial(id_) -> bytes:
    return f'"id":{id_},"method":"getCatalog"}}\n'.encode()


def closed_now(clients, wait=0.1) -> list:
    """Indices of the clients the server has closed (EOF or reset), waiting at most `wait`.
    Only for clients that were sent nothing: any readable byte would mean an answer."""
    readable, _, _ = select.select([client.sock for client in clients], [], [], wait)
    closed = []
    for index, client in enumerate(clients):
        if client.sock in readable:
            try:
                assert client.sock.recv(1) == b"", "a silent client got bytes"
            except ConnectionResetError:
                pass
            closed.append(index)
    return closed


def counted(log: str, what: str) -> int:
    """The sum of the counts of the log lines that mention `what`."""
    return sum(int(re.search(r" count=(\d+)", line).group(1)) for line in log.splitlines() if what in line)


def silent_clients(server, count, spacing=0.01) -> list:
    """`count` connections that send nothing, opened `spacing` apart: their idle ages differ."""
    clients = []
    for _ in range(count):
        clients.append(server.client(timeout=5))
        time.sleep(spacing)
    return clients


def busy_clients(server, count) -> list:
    """`count` connections, each served once and then left in the middle of a message."""
    clients = [server.served_client(number, timeout=5) for number in range(count)]
    for client in clients:
        client.send(PARTIAL)
    time.sleep(0.5)  # let the server read the halves: until then it cannot know they are busy
    return clients


def close_all(clients):
    for client in clients:
        client.close()


def test_silent_connections_give_way_to_newcomers_oldest_first_then_time_out(sockdir):
    with rpc.Server("--max-connections", "50", "--idle-timeout", "2", directory=sockdir) as server:
        silent = silent_clients(server, 50)
        newcomers = []
        try:
            for number in range(5):
                newcomer = server.client(timeout=1)  # served within a second, or the test fails
                newcomers.append(newcomer)
                assert newcomer.call(rpc.request(number))["id"] == number
            # Each newcomer took the place of the connection idle longest: the five oldest.
            # Well before --idle-timeout could close them (at 2 s, the oldest at 1.5 s from now).
            rpc.wait_until(lambda: closed_now(silent[:5], wait=0.05) == [0, 1, 2, 3, 4], 0.5,
                           what="the five oldest connections closed")
            assert closed_now(silent[5:], wait=0.2) == [], "a younger connection was evicted"
            # Then --idle-timeout closes the rest, and the newcomers once they fall silent.
            started = time.monotonic()
            for client in silent[5:] + newcomers:
                assert client.is_closed_by_peer(timeout=4), "an idle connection outlived --idle-timeout"
            assert time.monotonic() - started < 4
            server.served_client("after").close()
        finally:
            close_all(silent + newcomers)
        assert server.stop() == 0
        # Counted exactly, held counts included (reported at exit at the latest).
        assert counted(server.stderr(), "idle longest") == 5
        assert counted(server.stderr(), "idle for --idle-timeout") == 50


def test_a_newcomer_is_refused_only_when_none_is_idle(sockdir):
    with rpc.Server("--max-connections", "50", "--idle-timeout", "2", directory=sockdir) as server:
        busy = busy_clients(server, 50)
        try:
            with server.client(timeout=5) as newcomer:
                assert newcomer.is_closed_by_peer(timeout=1), "the 51st connection was kept open"
            for number, client in enumerate(busy):
                client.send(rest_of_partial(100 + number))
                assert client.recv_line()["id"] == 100 + number, "a busy client was evicted"
        finally:
            close_all(busy)
        rpc.wait_until(lambda: "refused 1 connection" in server.stderr(), 5, what="the refusal in the log")
        assert "idle longest" not in server.stderr(), "a busy connection counted as idle"
        assert server.stop() == 0


def test_eviction_churn_across_loops_keeps_the_count_exact(sockdir):
    """Eight clients at once keep connecting, asking and staying open on a server with room
    for 20: each newcomer evicts the connection idle longest, whichever loop owns it. None is
    refused (some connection is always idle), and afterwards the count is exact: 20 busy
    connections fill the server and the 21st is refused."""
    with rpc.Server("--max-connections", "20", directory=sockdir) as server:
        kept, outcomes, lock = [], [], threading.Lock()

        def churn():
            for _ in range(40):
                client = server.client(timeout=5)
                try:
                    outcome = client.call(rpc.request(1))["id"] == 1
                except (AssertionError, OSError):
                    outcome = False  # evicted before its request was sent: idle longest by then
                with lock:
                    kept.append(client)
                    outcomes.append(outcome)
        workers = [threading.Thread(target=churn) for _ in range(8)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(rpc.TIMEOUT)
        close_all(kept)
        assert outcomes.count(True) >= 0.95 * len(outcomes), outcomes.count(False)
        assert "refused" not in server.stderr()
        busy = busy_clients(server, 20)
        try:
            with server.client(timeout=5) as extra:
                assert extra.is_closed_by_peer(timeout=2), "the count drifted: a 21st connection was kept"
            for number, client in enumerate(busy):
                client.send(rest_of_partial(number))
                assert client.recv_line()["id"] == number
        finally:
            close_all(busy)
        assert server.stop() == 0
        # One eviction per newcomer beyond 20 (a few more for churners whose close the
        # server had not seen when the busy ones came).
        assert len(kept) - 20 <= counted(server.stderr(), "idle longest") <= len(kept), server.stderr()


@pytest.mark.parametrize("half", [PARTIAL, b'Content-Length: 80\r\n\r\n{"jsonrpc":'], ids=["json", "headers"])
def test_a_half_sent_message_is_closed_after_the_read_timeout(sockdir, half):
    with rpc.Server("--read-timeout", "1", directory=sockdir) as server:
        with server.client(timeout=5) as stalled, server.client(timeout=5) as other:
            stalled.send(half)
            sent = time.monotonic()
            number = 0
            while time.monotonic() - sent < 1.5:  # others are served all along
                assert other.call(rpc.request(number))["id"] == number
                number += 1
                time.sleep(0.05)
            assert stalled.is_closed_by_peer(timeout=3), "the half-sent message was kept"
            waited = time.monotonic() - sent
            assert 0.9 < waited < 3, waited
            assert other.call(rpc.request("still"))["id"] == "still"
        rpc.wait_until(lambda: "within --read-timeout" in server.stderr(), 5, what="the timeout in the log")
        assert server.stop() == 0


def test_slow_but_whole_messages_are_not_read_timeouts(sockdir):
    """Whole messages one per 0.5 s, and messages split so that every write ends one and
    begins the next (always mid-message, each whole within 0.4 s): neither is closed by a
    1 s --read-timeout."""
    with rpc.Server("--read-timeout", "1", "--idle-timeout", "60", directory=sockdir) as server:
        with server.client(timeout=5) as whole, server.client(timeout=5) as split:
            texts = [rpc.line(rpc.request(number)) for number in range(8)]
            split.send(texts[0][:20])
            for number in range(7):
                time.sleep(0.4)
                whole.send(texts[number])
                split.send(texts[number][20:] + texts[number + 1][:20])
                assert whole.recv_line()["id"] == number
                assert split.recv_line()["id"] == number
            split.send(texts[7][20:])
            assert split.recv_line()["id"] == 7
            assert whole.call(rpc.request("end"))["id"] == "end"
        assert "--read-timeout" not in server.stderr()
        assert server.stop() == 0


def test_a_client_that_never_reads_is_closed_after_the_write_timeout(sockdir):
    with rpc.Server("--write-timeout", "1", directory=sockdir) as server:
        with server.client(timeout=5) as deaf, server.client(timeout=5) as reader:
            discover = rpc.line(rpc.request(1, "rpc.discover"))  # about 66 kB of answer each
            assert deaf.push_until_blocked(discover * 16) > 0
            stalled = time.monotonic()
            while time.monotonic() - stalled < 1.5:  # a reading client is served meanwhile
                assert reader.call(rpc.request("r"))["id"] == "r"
                time.sleep(0.05)
            rpc.wait_until(lambda: "--write-timeout" in server.stderr(), 3, what="the write timeout in the log")
            # Closed: what was sent before drains, then EOF (or a reset), not an endless stream.
            deaf.sock.settimeout(5)
            try:
                while deaf.sock.recv(1 << 20):
                    pass
            except ConnectionResetError:
                pass
            assert reader.call(rpc.request("after"))["id"] == "after"
        assert server.stop() == 0


def test_a_refusal_flood_logs_a_few_lines_with_counts(sockdir):
    with rpc.Server("--max-connections", "5", directory=sockdir) as server:
        busy = busy_clients(server, 5)
        connected = 0
        started = time.monotonic()
        try:
            for _ in range(2000):
                attempt = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                attempt.settimeout(2)
                try:
                    attempt.connect(server.path)
                    connected += 1
                except OSError:
                    pass
                finally:
                    attempt.close()
            elapsed = time.monotonic() - started

            # Every refusal is counted, in lines written at most once a second.
            rpc.wait_until(lambda: counted(server.stderr(), "refused") == connected, 5,
                           what=f"{connected} refusals counted")
            lines = [line for line in server.stderr().splitlines() if "refused" in line]
            assert all(" WARN " in line and "over --max-connections" in line for line in lines), lines
            times = [datetime.fromisoformat(line.split(" ", 1)[0].replace("Z", "+00:00")) for line in lines]
            gaps = [(later - earlier).total_seconds() for earlier, later in zip(times, times[1:])]
            assert all(gap >= 0.95 for gap in gaps), lines  # by the log's own clock: one a second at most
            assert len(lines) <= elapsed + 3, (elapsed, lines)
            assert connected > 1000, connected
            for number, client in enumerate(busy):  # the busy ones never noticed
                client.send(rest_of_partial(number))
                assert client.recv_line()["id"] == number
        finally:
            close_all(busy)
        assert server.stop() == 0


SERVE_USAGE = "usage: contpaqi-upgrade [serve] [--stdio | --socket PATH] [SERVER OPTIONS]"


@pytest.mark.parametrize("option", ["--idle-timeout", "--read-timeout", "--write-timeout"])
@pytest.mark.parametrize("value", ["0", "-1", "soon", "inf", "nan", "", "1e3", "86401"])
def test_bad_durations_are_usage_errors_naming_the_option(option, value):
    done = subprocess.run([rpc.BIN, "serve", option, value], capture_output=True, timeout=10)
    assert done.returncode == 2 and done.stdout == b""
    lines = done.stderr.decode().splitlines()
    assert lines[0] == f"contpaqi-upgrade: {option} needs a positive number of seconds up to 86400, got '{value}'", lines
    assert lines[1] == SERVE_USAGE


@pytest.mark.parametrize("option", ["--idle-timeout", "--read-timeout", "--write-timeout"])
def test_durations_need_a_value_and_take_decimals(option):
    done = subprocess.run([rpc.BIN, "serve", option], capture_output=True, timeout=10)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[0] == f"contpaqi-upgrade: {option} needs a value (SECONDS)"
    done = rpc.run_stdio(rpc.line(rpc.request(1)), args=("serve", "--stdio", option, "0.5"), timeout=10)
    assert done.returncode == 0 and rpc.parse_lines(done.stdout)[0]["id"] == 1, done.stderr
