"""`call --timeout` against servers that misbehave, and usage messages that say what is wrong.

The misbehaving servers are Python threads on a Unix socket: each takes one connection,
reads the request line and then stalls, answers another id, or sends without end.
"""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager

import pytest

import rpc

CAP = 64 << 20  # the longest answer `call` takes, in bytes (SocketClient.maxAnswerBytes)
MARGIN = 5.0    # seconds for process start-up on a busy machine


def run(*args, timeout=rpc.TIMEOUT):
    return subprocess.run([rpc.BIN, *args], input=b"", capture_output=True, timeout=timeout)


# Runs the binary and reports its exit status, time and peak RSS (KiB) from wait4(). Linux
# carries the peak of the process that exec()s into ru_maxrss, so a small fresh Python does
# the spawning: from the test process itself, pytest's own size would be measured.
MEASURE = r"""
import json, os, subprocess, sys, time
report, limit, *command = sys.argv[1:]
started = time.monotonic()
killed = False
child = subprocess.Popen(command, stdin=subprocess.DEVNULL)
while not (reaped := os.wait4(child.pid, os.WNOHANG))[0]:
    if time.monotonic() - started > float(limit):
        child.kill()
        killed = True
        reaped = os.wait4(child.pid, 0)
        break
    time.sleep(0.005)
with open(report, "w") as out:
    json.dump({"status": os.waitstatus_to_exitcode(reaped[1]), "seconds": time.monotonic() - started,
               "peak_kib": reaped[2].ru_maxrss, "killed": killed}, out)
"""


def run_measured(*args, timeout=rpc.TIMEOUT):
    """Runs the binary to its end; returns (exit status, stdout, stderr, seconds, peak RSS in KiB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".json") as report:
        subprocess.run([sys.executable, "-c", MEASURE, report.name, str(timeout), rpc.BIN, *args],
                       stdout=out, stderr=err, timeout=timeout + rpc.TIMEOUT, check=True)
        measured = json.load(report)
        assert not measured["killed"], f"{args} still running after {timeout} s"
        out.seek(0)
        err.seek(0)
        return measured["status"], out.read(), err.read(), measured["seconds"], measured["peak_kib"]


@contextmanager
def fake_server(sockdir, behave):
    """A one-connection server running `behave(connection, request, report, done)` in a
    thread once the request line is in. Yields (path, report): `behave` may store what it saw
    in the `report` dict; `done` is set when the test is over."""
    path = os.path.join(sockdir, "fake.sock")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(path)
    listener.listen(1)
    listener.settimeout(rpc.TIMEOUT)
    report = {}
    done = threading.Event()

    def serve():
        try:
            connection, _ = listener.accept()
        except OSError:
            return
        with connection:
            connection.settimeout(rpc.TIMEOUT)
            request = b""
            while not request.endswith(b"\n"):
                chunk = connection.recv(1 << 16)
                if not chunk:
                    break
                request += chunk
            report["request"] = request
            behave(connection, request, report, done)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield path, report
    finally:
        done.set()
        listener.close()
        thread.join(rpc.TIMEOUT)
        os.unlink(path)


def stall(connection, request, report, done):
    done.wait(rpc.TIMEOUT)  # holds the connection open, says nothing


def answer_with(message):
    def behave(connection, request, report, done):
        connection.sendall(json.dumps(message).encode() + b"\n")
        done.wait(rpc.TIMEOUT)  # keeps the connection: `call` must stop at the line, not at EOF
    return behave


def send_without_end(total):
    def behave(connection, request, report, done):
        chunk = b"x" * (1 << 20)
        sent = 0
        try:
            while sent < total:
                sent += connection.send(chunk)
        except OSError:
            pass  # `call` hung up, as it should
        report["sent"] = sent
    return behave


def assert_one_line(stderr, *words):
    text = stderr.decode()
    assert text.startswith("contpaqi-upgrade: ") and text.endswith("\n") and text.count("\n") == 1, text
    for word in words:
        assert word in text, text


# --timeout against servers that never give a usable answer

@pytest.mark.parametrize("seconds", ["1", "0.5"])
def test_a_silent_server_costs_the_timeout_then_exit_3(sockdir, seconds):
    with fake_server(sockdir, stall) as (path, report):
        status, out, err, elapsed, _ = run_measured("call", "--socket", path, "--timeout", seconds, "getCatalog")
    assert status == 3 and out == b""
    assert_one_line(err, "no answer", path, f"{seconds} s")
    assert float(seconds) * 0.9 <= elapsed < float(seconds) + MARGIN, elapsed
    assert json.loads(report["request"])["method"] == "getCatalog", "the request went out before the wait"


def test_a_full_backlog_is_covered_by_the_timeout_too(sockdir):
    """connect() itself blocks while the listener's queue is full: the deadline holds there too."""
    path = os.path.join(sockdir, "full.sock")
    listener = socket.socket(socket.AF_UNIX)
    filler = socket.socket(socket.AF_UNIX)
    try:
        listener.bind(path)
        listener.listen(0)  # never accepts; Linux queues one connection over the backlog
        filler.settimeout(1)
        filler.connect(path)  # the queue is now full
        status, out, err, elapsed, _ = run_measured("call", "--timeout", "1", "--socket", path, "getCatalog")
    finally:
        filler.close()
        listener.close()
    assert status == 3 and out == b""
    assert_one_line(err, "did not accept", "1 s")
    assert 0.9 <= elapsed < 1 + MARGIN, elapsed


@pytest.mark.parametrize("answer", [
    {"jsonrpc": "2.0", "id": 2, "result": {}},
    {"jsonrpc": "2.0", "id": "1", "result": {}},   # the request's id is the number 1
    {"jsonrpc": "2.0", "id": None, "result": {}},
    {"jsonrpc": "2.0", "result": {}},
], ids=["id 2", "id '1'", "id null with a result", "no id"])
def test_an_answer_with_another_id_exits_3(sockdir, answer):
    with fake_server(sockdir, answer_with(answer)) as (path, _):
        status, out, err, elapsed, _ = run_measured("call", "--socket", path, "--timeout", "10", "getCatalog")
    assert status == 3 and out == b""
    assert_one_line(err, "not the request's id 1")
    assert elapsed < 10, "decided on the answer, not on the timeout"


def test_the_fake_server_is_believed_when_the_id_matches(sockdir):
    """The control for the test above: the same server with the right id is a success."""
    with fake_server(sockdir, answer_with({"jsonrpc": "2.0", "id": 1, "result": {"ok": True}})) as (path, _):
        status, out, err, _, _ = run_measured("call", "--socket", path, "--timeout", "10", "getCatalog")
    assert (status, json.loads(out), err) == (0, {"ok": True}, b"")


def test_an_answer_without_end_is_cut_at_the_cap_not_buffered(sockdir):
    total = 4 * CAP
    with fake_server(sockdir, send_without_end(total)) as (path, report):
        status, out, err, _, peak_kib = run_measured("call", "--socket", path, "--timeout", "60", "getCatalog")
        rpc.wait_until(lambda: "sent" in report, what="the sender to finish")
    assert status == 3 and out == b""
    assert_one_line(err, "over 64 MiB")
    # Reading stopped at the cap: what got out is the cap plus what socket buffers held.
    assert CAP <= report["sent"] < CAP + (16 << 20), report["sent"]
    # The cap itself may be held (plus ~8 MiB of runtime), nothing past it: buffering the
    # 256 MiB sent would be far more, and so would a buffer that copies itself as it grows.
    assert peak_kib < (CAP >> 10) + 16 * 1024, f"peak RSS {peak_kib} KiB"


@pytest.mark.parametrize("extra, status", [(0, 0), (1, 3)], ids=["exactly the cap", "one byte over"])
def test_the_cap_is_exact(sockdir, extra, status):
    frame = b'{"jsonrpc":"2.0","id":1,"result":""}'
    padding = CAP + extra - len(frame)
    line = frame[:-2] + b"y" * padding + frame[-2:]
    assert len(line) == CAP + extra

    def behave(connection, request, report, done):
        try:
            connection.sendall(line + b"\n")
        except OSError:
            pass
        done.wait(rpc.TIMEOUT)

    with fake_server(sockdir, behave) as (path, _):
        code, out, err, _, _ = run_measured("call", "--socket", path, "getCatalog", timeout=120)
    assert code == status, err[:200]
    if status == 0:
        assert len(out) == padding + 3  # the string, its quotes, the newline
    else:
        assert_one_line(err, "over 64 MiB")


def test_a_real_answer_arrives_with_the_timeout_in_either_place(sockdir):
    expected = json.loads(run("call", "getCatalog").stdout)
    with rpc.Server(directory=sockdir) as server:
        for args in (["--timeout", "5", "--socket", server.path], ["--socket", server.path, "--timeout", "0.5"]):
            done = run("call", *args, "getCatalog")
            assert done.returncode == 0 and done.stderr == b"", (args, done.stderr)
            assert json.loads(done.stdout) == expected
        assert server.stop() == 0


def test_timeout_in_process_is_accepted():
    done = run("call", "--timeout", "0.5", "getCatalog")
    assert done.returncode == 0 and done.stderr == b"" and json.loads(done.stdout)["currency"] == "MXN"


def test_an_error_answer_with_a_null_id_is_the_servers_error_not_a_stray(sockdir):
    """A request over --max-message-bytes gets -32600 with id null (the server never read
    the id): that is the answer to this request, reported as an RPC error (exit 1)."""
    with rpc.Server("--max-message-bytes", "100", directory=sockdir) as server:
        done = run("call", "--socket", server.path, "--timeout", "5", "getCatalog", json.dumps({"pad": "p" * 200}))
        assert server.stop() == 0
    assert done.returncode == 1 and done.stdout == b""
    assert json.loads(done.stderr)["code"] == -32600


# Usage messages

CALL_USAGE = "usage: contpaqi-upgrade call [--socket PATH] [--timeout SECONDS] METHOD [PARAMS_JSON]"
SERVE_USAGE = "usage: contpaqi-upgrade [serve] [--stdio | --socket PATH] [SERVER OPTIONS]"


@pytest.mark.parametrize("args, message, usage", [
    (["--bogus"], "unknown option --bogus", SERVE_USAGE),
    (["serve", "--bogus"], "unknown option --bogus", SERVE_USAGE),
    (["serve", "--stdio", "--bogus", "x"], "unknown option --bogus", SERVE_USAGE),
    (["call", "--bogus"], "unknown option --bogus", CALL_USAGE),
    (["call", "--socket", "/tmp/x.sock", "--bogus", "getCatalog"], "unknown option --bogus", CALL_USAGE),
    (["call", "getCatalog", "--bogus"], "unknown option --bogus", CALL_USAGE),
    (["call", "getCatalog", "--timeout", "2"], "--timeout goes before METHOD", CALL_USAGE),
    (["serve", "--socket"], "--socket needs a value (PATH)", SERVE_USAGE),
    (["call", "--socket"], "--socket needs a value (PATH)", CALL_USAGE),
    (["call", "--socket", "--timeout", "2", "getCatalog"], "--socket needs a value (PATH)", CALL_USAGE),
    (["call", "--timeout"], "--timeout needs a value (SECONDS)", CALL_USAGE),
    (["serve", "--max-connections"], "--max-connections needs a value (N)", SERVE_USAGE),
    (["serve", "--max-connections", "x"], "--max-connections needs a positive integer, got 'x'", SERVE_USAGE),
    (["serve", "--max-connections", "0"], "--max-connections needs a positive integer, got '0'", SERVE_USAGE),
    (["serve", "--max-message-bytes", "-1"], "--max-message-bytes needs a positive integer, got '-1'", SERVE_USAGE),
    (["serve", "--socket-mode", "0999"], "--socket-mode needs octal permissions such as 0660, got '0999'",
     SERVE_USAGE),
    (["serve", "--log-level", "verbose"], "--log-level needs error, warn, info or debug, got 'verbose'",
     SERVE_USAGE),
    (["serve", "--log-format", "xml"], "--log-format needs text or json, got 'xml'", SERVE_USAGE),
    (["call", "--timeout", "0", "getCatalog"], "--timeout needs a positive number of seconds, got '0'", CALL_USAGE),
    (["call", "--timeout", "-1", "getCatalog"], "--timeout needs a positive number of seconds, got '-1'",
     CALL_USAGE),
    (["call", "--timeout", "soon", "getCatalog"], "--timeout needs a positive number of seconds, got 'soon'",
     CALL_USAGE),
    (["call", "--timeout", "inf", "getCatalog"], "--timeout needs a positive number of seconds, got 'inf'",
     CALL_USAGE),
], ids=lambda value: " ".join(value) if isinstance(value, list) else "")
def test_usage_errors_name_the_option_and_show_the_usage(args, message, usage):
    done = run(*args, timeout=10)
    assert done.returncode == 2 and done.stdout == b""
    lines = done.stderr.decode().splitlines()
    assert lines[0] == f"contpaqi-upgrade: {message}", lines
    assert lines[1] == usage, lines


@pytest.mark.parametrize("args", [["serve", "--help"], ["serve", "-h"], ["call", "--help"], ["call", "-h"],
                                  ["call", "--socket", "/tmp/x.sock", "--help"]], ids=" ".join)
def test_help_after_a_command_is_help(args):
    done = run(*args, timeout=10)
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout == run("--help").stdout


# What an option takes when it is valid; --help must list exactly these.
SERVER_OPTION_SAMPLES = {"--socket-mode": "0660", "--max-message-bytes": "2048", "--max-connections": "8",
                         "--log-level": "debug", "--log-format": "json", "--shutdown-timeout": "0.5"}


def test_help_lists_exactly_the_options_the_code_takes():
    text = run("--help").stdout.decode()
    assert "--timeout SECONDS" in text and "--socket PATH" in text
    server_part = text.split("Server options", 1)[1].split("\n\n", 1)[0]
    listed = set(re.findall(r"^  (--[a-z-]+)", server_part, re.MULTILINE))
    assert listed == set(SERVER_OPTION_SAMPLES), listed
    for option, value in SERVER_OPTION_SAMPLES.items():
        done = rpc.run_stdio(b"", args=("serve", "--stdio", option, value), timeout=10)
        assert done.returncode == 0, (option, done.stderr)
