"""Byte transports: a Unix socket or a spawned process's stdio, both framed as NDJSON.

The service answers each JSON text with one compact line, so reading means splitting the
byte stream at ``\\n``. Timeouts are per read, against a deadline set by the caller.
"""

import os
import select
import shutil
import socket
import subprocess
import time
from typing import IO, List, Mapping, Optional, Sequence, Union

from .errors import CallTimeout, TransportError

_CHUNK = 1 << 16


class LineTransport:
    """Sends bytes and returns whole lines; subclasses supply ``_write`` and ``_read``."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def send(self, data: bytes, deadline: Optional[float]) -> None:
        self._write(data, _remaining(deadline))

    def read_line(self, deadline: Optional[float]) -> bytes:
        """The next non-blank line, without its terminator."""
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                line = bytes(self._buffer[:end]).strip()
                del self._buffer[: end + 1]
                if line:
                    return line
                continue
            chunk = self._read(_remaining(deadline))
            if not chunk:
                if self._buffer.strip():  # a last answer without a newline before EOF
                    line = bytes(self._buffer).strip()
                    self._buffer.clear()
                    return line
                raise TransportError(self._closed_reason())
            self._buffer += chunk

    def close(self) -> None:
        raise NotImplementedError

    def _write(self, data: bytes, timeout: Optional[float]) -> None:
        raise NotImplementedError

    def _read(self, timeout: Optional[float]) -> bytes:
        raise NotImplementedError

    def _closed_reason(self) -> str:
        return "the server closed the connection"


def _remaining(deadline: Optional[float]) -> Optional[float]:
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise CallTimeout("no answer from the server in time")
    return left


class SocketTransport(LineTransport):
    """A connection to ``contpaqi-upgrade serve --socket PATH``."""

    def __init__(self, path: Union[str, "os.PathLike[str]"], connect_timeout: Optional[float] = 10.0) -> None:
        super().__init__()
        self.path = os.fspath(path)
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self._sock.settimeout(connect_timeout)
            self._sock.connect(self.path)
        except OSError as error:
            self._sock.close()
            reason = error.strerror or str(error) or type(error).__name__
            raise TransportError(f"cannot connect to {self.path}: {reason}") from error

    def _write(self, data: bytes, timeout: Optional[float]) -> None:
        try:
            self._sock.settimeout(timeout)
            self._sock.sendall(data)
        except socket.timeout as error:
            raise CallTimeout("the server did not take the request in time") from error
        except OSError as error:
            raise TransportError(f"cannot send to {self.path}: {error}") from error

    def _read(self, timeout: Optional[float]) -> bytes:
        try:
            self._sock.settimeout(timeout)
            return self._sock.recv(_CHUNK)
        except socket.timeout as error:
            raise CallTimeout("no answer from the server in time") from error
        except OSError as error:
            raise TransportError(f"cannot read from {self.path}: {error}") from error

    def close(self) -> None:
        self._sock.close()


class PipeTransport(LineTransport):
    """A child process serving JSON-RPC on its stdin/stdout (``contpaqi-upgrade``)."""

    def __init__(
        self,
        args: Sequence[str],
        stderr: Union[None, int, IO[bytes]] = None,
        env: Optional[Mapping[str, str]] = None,
    ) -> None:
        super().__init__()
        self.args: List[str] = [os.fspath(a) for a in args]
        try:
            self.process = subprocess.Popen(
                self.args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                env=None if env is None else dict(env), bufsize=0,
            )
        except OSError as error:
            raise TransportError(f"cannot start {self.args[0]}: {error.strerror or error}") from error
        assert self.process.stdin is not None and self.process.stdout is not None
        self._stdin = self.process.stdin
        self._stdout_fd = self.process.stdout.fileno()

    def _write(self, data: bytes, timeout: Optional[float]) -> None:
        # The server reads as it goes, so a blocking write only waits for pipe space.
        try:
            self._stdin.write(data)
            self._stdin.flush()
        except (BrokenPipeError, ValueError, OSError) as error:
            raise TransportError(self._closed_reason()) from error

    def _read(self, timeout: Optional[float]) -> bytes:
        ready, _, _ = select.select([self._stdout_fd], [], [], timeout)
        if not ready:
            raise CallTimeout("no answer from the server in time")
        return os.read(self._stdout_fd, _CHUNK)

    def _closed_reason(self) -> str:
        code = self.process.poll()
        if code is None:
            return "the server closed its output"
        return f"the server process exited with status {code}"

    def close(self, wait: float = 5.0) -> None:
        """Closes stdin (the server answers what it read and exits), then reaps it."""
        try:
            self._stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(wait)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def find_binary() -> str:
    """The server executable: ``$CONTPAQI_UPGRADE``, else ``contpaqi-upgrade`` on PATH."""
    configured = os.environ.get("CONTPAQI_UPGRADE")
    if configured:
        return configured
    found = shutil.which("contpaqi-upgrade")
    if found:
        return found
    raise TransportError(
        "contpaqi-upgrade is not on PATH; set CONTPAQI_UPGRADE to the binary or pass its path"
    )
