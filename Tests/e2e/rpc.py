"""Helpers for the end-to-end tests: run the real binary over real pipes and Unix sockets.

Every blocking operation here has a timeout, so a broken server fails a test instead of
hanging the suite.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_DEFAULT_BIN = ROOT / ".build" / "debug" / "contpaqi-upgrade"
BIN = os.environ.get("CONTPAQI_UPGRADE_BIN") or str(_DEFAULT_BIN)

#: Seconds any single wait may take. Generous: CI may be slow, but nothing waits forever.
TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "30"))


def request(id_, method="getCatalog", params=None, **extra) -> dict:
    """A JSON-RPC request object; `id_=...` (Ellipsis) makes a notification."""
    message = {"jsonrpc": "2.0", "method": method}
    if id_ is not ...:
        message["id"] = id_
    if params is not None:
        message["params"] = params
    message.update(extra)
    return message


def line(message) -> bytes:
    """One NDJSON line."""
    return json.dumps(message, ensure_ascii=False).encode() + b"\n"


def framed(body: bytes | str | dict | list, header_name="Content-Length", extra_headers=()) -> bytes:
    """One LSP-style message: headers, a blank line, the body (its length counts bytes)."""
    if isinstance(body, (dict, list)):
        body = json.dumps(body, ensure_ascii=False)
    if isinstance(body, str):
        body = body.encode()
    headers = [f"{header_name}: {len(body)}", *extra_headers]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


def parse_lines(data: bytes) -> list:
    """Every line of NDJSON output, parsed; fails on a line that is not JSON."""
    text = data.decode("utf-8")
    assert text == "" or text.endswith("\n"), f"output does not end with a newline: {text[-80:]!r}"
    return [json.loads(item) for item in text.split("\n")[:-1]]


def parse_framed(data: bytes) -> list:
    """Every Content-Length framed message in `data`, parsed; checks the lengths are exact."""
    messages = []
    while data:
        head, separator, rest = data.partition(b"\r\n\r\n")
        assert separator, f"no header block end in {data[:80]!r}"
        fields = dict(h.split(b": ", 1) for h in head.split(b"\r\n"))
        length = int(fields[b"Content-Length"])
        body, data = rest[:length], rest[length:]
        assert len(body) == length, "the body is shorter than its Content-Length"
        messages.append(json.loads(body.decode("utf-8")))
    return messages


def run_stdio(data: bytes, args=("serve", "--stdio"), timeout=TIMEOUT) -> subprocess.CompletedProcess:
    """Spawns the binary, writes `data` to its stdin, closes it, collects everything."""
    return subprocess.run([BIN, *args], input=data, capture_output=True, timeout=timeout)


def rss_kb(pid: int) -> dict:
    """VmRSS and VmHWM (peak) of a live process, in kB, from /proc."""
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for entry in status:
            key, _, rest = entry.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values


def short_tempdir() -> str:
    """A directory whose paths fit in sun_path (108 bytes), wherever TMPDIR points."""
    return tempfile.mkdtemp(prefix="cu-e2e-", dir="/tmp")


def wait_until(predicate, timeout=TIMEOUT, interval=0.01, what="condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def can_connect(path: str) -> bool:
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.settimeout(1)
    try:
        probe.connect(path)
        return True
    except OSError:
        return False
    finally:
        probe.close()


class Client:
    """One connection to a socket server, with a timeout on every operation."""

    def __init__(self, path: str, timeout=TIMEOUT):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buffer = b""

    def send(self, data: bytes):
        self.sock.sendall(data)

    def send_json(self, message):
        self.send(line(message))

    def recv_line(self) -> dict:
        """The next NDJSON response; AssertionError when the server closes first."""
        pending = bytearray(self.buffer)  # grows in place: long answers stay linear
        scanned = 0
        while (end := pending.find(b"\n", scanned)) < 0:
            scanned = len(pending)
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise AssertionError(f"connection closed before a full line; have {bytes(pending[:200])!r}")
            pending += chunk
        self.buffer = bytes(pending[end + 1:])
        return json.loads(pending[:end].decode("utf-8"))

    def recv_framed(self) -> dict:
        """The next Content-Length framed response."""
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        fields = {k.lower(): v for k, v in (h.split(b": ", 1) for h in head.split(b"\r\n"))}
        length = int(fields[b"content-length"])
        self.buffer = rest
        while len(self.buffer) < length:
            self._fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return json.loads(body.decode("utf-8"))

    def call(self, message) -> dict:
        self.send_json(message)
        return self.recv_line()

    def push_until_blocked(self, data: bytes, patience=0.5, limit=64 << 20) -> int:
        """Sends `data` over and over without reading, until the server stops taking it
        (no progress for `patience` seconds) or `limit` bytes went out. Returns bytes sent."""
        self.sock.settimeout(patience)
        sent = 0
        try:
            while sent < limit:
                sent += self.sock.send(data)
        except socket.timeout:
            pass
        finally:
            self.sock.settimeout(TIMEOUT)
        return sent

    def recv_all(self) -> bytes:
        """Everything until the server closes the connection."""
        data, self.buffer = bytearray(self.buffer), b""
        while True:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                return bytes(data)
            data += chunk

    def is_closed_by_peer(self, timeout=TIMEOUT) -> bool:
        """True when the server closes (EOF or reset) within `timeout` without sending anything."""
        self.sock.settimeout(timeout)
        try:
            return self.sock.recv(1) == b""
        except ConnectionResetError:
            return True
        except socket.timeout:
            return False

    def _fill(self):
        chunk = self.sock.recv(1 << 16)
        if not chunk:
            raise AssertionError(f"connection closed mid-message; have {self.buffer[:200]!r}")
        self.buffer += chunk

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()


def exchange_socket(path: str, data: bytes, timeout=TIMEOUT) -> bytes:
    """Sends `data` on a new connection, ends the sending side, returns all that comes back."""
    with Client(path, timeout) as client:
        client.send(data)
        client.sock.shutdown(socket.SHUT_WR)
        return client.recv_all()


class Server:
    """`contpaqi-upgrade serve --socket PATH ...` in the background; stderr goes to a file
    (a pipe nobody reads could fill up and block the server's logging)."""

    def __init__(self, *args, path: str | None = None, directory: str | None = None,
                 wait=True, env=None, argv=None):
        self.directory = directory or short_tempdir()
        self.path = path or os.path.join(self.directory, "rpc.sock")
        self.log_path = os.path.join(self.directory, f"server-{time.monotonic_ns()}.log")
        self.log = open(self.log_path, "wb")
        command = argv if argv is not None else [BIN, "serve", "--socket", self.path, *args]
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=self.log, env=env)
        self.returncode = None
        if wait:
            self.wait_ready()

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout=TIMEOUT):
        def ready():
            if self.process.poll() is not None:
                raise AssertionError(f"server exited with {self.process.returncode}: {self.stderr()}")
            return can_connect(self.path)
        wait_until(ready, timeout, what=f"server socket {self.path}")

    def client(self, timeout=TIMEOUT) -> Client:
        return Client(self.path, timeout)

    def served_client(self, id_=0, timeout=TIMEOUT) -> Client:
        """A connection that has had one answer: accepted and counted. Retries while the
        server still counts connections that just closed (its readiness probe, for one)."""
        def attempt():
            client = Client(self.path, timeout)
            try:
                if client.call(request(id_))["id"] == id_:
                    return client
            except (AssertionError, OSError):
                pass
            client.close()
            return None
        return wait_until(attempt, 10, interval=0.05, what="a served connection")

    def stderr(self) -> str:
        self.log.flush()
        with open(self.log_path, "rb") as log:
            return log.read().decode("utf-8", "replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def send_signal(self, signum):
        self.process.send_signal(signum)

    def stop(self, signum=signal.SIGTERM, timeout=TIMEOUT) -> int:
        """Signals the server and waits for it; kills it if it does not exit in time."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            self.returncode = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
            raise AssertionError(f"server did not exit within {timeout}s of signal {signum}")
        return self.returncode

    def stdout(self) -> bytes:
        """What the server wrote on stdout (only after it exited): must be nothing."""
        assert self.process.poll() is not None
        return self.process.stdout.read()

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.kill()
        self.process.stdout.close()
        self.log.close()


ACTIVATION_WRAPPER = r"""
import os, socket, sys
path, binary, *args = sys.argv[1:]
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind(path)
if os.environ.pop("E2E_ACTIVATION_NOT_LISTENING", None) is None:
    listener.listen(64)
if listener.fileno() != 3:
    os.dup2(listener.fileno(), 3, inheritable=True)
    listener.close()
else:
    os.set_inheritable(3, True)
os.environ["LISTEN_FDS"] = "1"
os.environ["LISTEN_PID"] = str(os.getpid())
os.execv(binary, [binary, *args])
"""


def activation_argv(path: str, *args) -> list:
    """A command that binds `path`, passes it as fd 3 the way systemd does, and execs the binary."""
    return [sys.executable, "-c", ACTIVATION_WRAPPER, path, BIN, *args]
