"""SIGTERM and SIGINT: stop accepting, answer every request already received, close every
connection, remove the socket file, exit 0."""

import json
import os
import select
import signal
import subprocess
import threading
import time

import pytest

import rpc

STOP_SIGNALS = [signal.SIGTERM, signal.SIGINT]


@pytest.mark.parametrize("signum", STOP_SIGNALS, ids=lambda s: s.name)
def test_requests_in_flight_are_answered_before_exit(sockdir, signum):
    clients_count, per_client = 16, 300
    with rpc.Server(directory=sockdir) as server:
        clients = [server.client() for _ in range(clients_count)]
        for number, client in enumerate(clients):  # accepted: a round trip each
            assert client.call(rpc.request(f"hello-{number}"))["id"] == f"hello-{number}"
        batches = [b"".join(rpc.line(rpc.request(f"{n}-{i}", "getCatalog" if i % 2 else "nope"))
                            for i in range(per_client)) for n in range(clients_count)]
        for client, batch in zip(clients, batches):
            client.send(batch)  # in the server's socket buffer when sendall returns
        server.send_signal(signum)
        answers, failures = {}, []

        def read_all(number, client):
            try:
                answers[number] = rpc.parse_lines(client.recv_all())
            except Exception as error:  # noqa: BLE001 - reported below
                failures.append(f"client {number}: {error!r}")

        readers = [threading.Thread(target=read_all, args=(n, c)) for n, c in enumerate(clients)]
        for reader in readers:
            reader.start()
        for reader in readers:
            reader.join(rpc.TIMEOUT)
        assert failures == []
        for number in range(clients_count):
            assert [r["id"] for r in answers[number]] == [f"{number}-{i}" for i in range(per_client)]
        assert server.stop(timeout=rpc.TIMEOUT) == 0
        assert not os.path.exists(server.path), "the socket file is removed"
        assert "stop" in server.stderr()
        for client in clients:
            client.close()


@pytest.mark.parametrize("signum", STOP_SIGNALS, ids=lambda s: s.name)
def test_everything_received_while_the_server_was_frozen_is_answered(sockdir, signum):
    """The server is stopped (SIGSTOP) while clients send: a big request spanning many
    reads, small ones after it, and a client it has not even accepted yet. The stop signal
    arrives before the server reads a byte of it; all of it is still answered."""
    with rpc.Server(directory=sockdir) as server:
        accepted = server.served_client("hello")
        server.send_signal(signal.SIGSTOP)
        try:
            big = json.dumps(rpc.request("big", "nope", {"pad": "b" * 150_000})).encode() + b"\n"
            accepted.send(big + b"".join(rpc.line(rpc.request(i)) for i in range(20)))
            waiting = server.client()  # in the listen backlog, not accepted yet
            waiting.send(rpc.line(rpc.request("queued")))
            server.send_signal(signum)
        finally:
            server.send_signal(signal.SIGCONT)
        first = rpc.parse_lines(accepted.recv_all())
        assert [r["id"] for r in first] == ["big", *range(20)]
        assert first[0]["error"]["code"] == -32601
        assert [r["id"] for r in rpc.parse_lines(waiting.recv_all())] == ["queued"]
        assert server.stop() == 0
        accepted.close()
        waiting.close()


def test_shutdown_stops_accepting(sockdir):
    with rpc.Server(directory=sockdir) as server:
        with server.client() as slow:
            slow.push_until_blocked(rpc.line(rpc.request(1)) * 1000)  # backed up: the drain takes a while
            server.send_signal(signal.SIGTERM)
            rpc.wait_until(lambda: "stopping" in server.stderr(), 10, what="the stop to begin")
            assert not os.path.exists(server.path), "the socket file outlived the stop signal"
            with pytest.raises((FileNotFoundError, ConnectionRefusedError)):
                rpc.Client(server.path, timeout=5).close()  # refused at once, not left waiting
        assert server.stop(timeout=rpc.TIMEOUT) == 0


def test_idle_and_half_sent_connections_do_not_delay_exit(sockdir):
    with rpc.Server(directory=sockdir) as server:
        idle = server.client()
        partial = server.client()
        partial.send(b'{"jsonrpc":"2.0","id":1,')
        assert idle.call(rpc.request(0))["id"] == 0
        started = time.monotonic()
        assert server.stop(timeout=rpc.TIMEOUT) == 0
        assert time.monotonic() - started < 3, "idle connections held up the exit"
        assert idle.is_closed_by_peer(timeout=5) and partial.is_closed_by_peer(timeout=5)
        idle.close()
        partial.close()


def test_a_client_that_never_reads_cannot_hold_up_exit_forever(sockdir):
    with rpc.Server(directory=sockdir) as server:
        with server.client() as greedy:
            greedy.push_until_blocked(rpc.line(rpc.request(1)) * 1000)  # answers pile up unread
            assert server.stop(timeout=rpc.TIMEOUT) == 0  # after a bounded drain


@pytest.mark.parametrize("signum", STOP_SIGNALS, ids=lambda s: s.name)
def test_stdio_answers_what_was_written_before_the_signal(signum):
    process = subprocess.Popen([rpc.BIN], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        stdin = process.stdin.fileno()
        os.write(stdin, rpc.line(rpc.request(0)))
        ready, _, _ = select.select([process.stdout], [], [], rpc.TIMEOUT)
        assert ready, "no answer to the first request"
        count = 400
        for i in range(1, count):  # many small writes: the server reads them in several chunks
            os.write(stdin, rpc.line(rpc.request(i)))
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=rpc.TIMEOUT)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 0, stderr
    answered = [r["id"] for r in rpc.parse_lines(stdout)]
    assert answered == list(range(count)), f"{len(answered)} of {count} answered"


def test_stdio_idle_exits_zero_on_sigterm():
    process = subprocess.Popen([rpc.BIN], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        stdout, _ = process.communicate(timeout=rpc.TIMEOUT)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 0 and stdout == b""
