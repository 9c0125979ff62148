"""Fixtures: the real server binary, a socket server per test session, and a client over
each transport (tests taking ``client`` run once per transport)."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PACKAGE_ROOT = HERE.parent
REPO_ROOT = HERE.parents[2]

sys.path.insert(0, str(PACKAGE_ROOT / "src"))

from contpaqi_upgrade import Client  # noqa: E402


def find_server_binary() -> str:
    """$CONTPAQI_UPGRADE_BIN, else contpaqi-upgrade on PATH, else the package's build."""
    configured = os.environ.get("CONTPAQI_UPGRADE_BIN")
    if configured:
        return configured
    on_path = shutil.which("contpaqi-upgrade")
    if on_path:
        return on_path
    for flavour in ("release", "debug"):
        candidate = REPO_ROOT / ".build" / flavour / "contpaqi-upgrade"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    pytest.fail("no contpaqi-upgrade binary: build it (swift build) or set CONTPAQI_UPGRADE_BIN")


@pytest.fixture(scope="session")
def binary() -> str:
    return find_server_binary()


def wait_for_socket(path: Path, process: subprocess.Popen, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before listening")
        if path.exists():
            probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                probe.connect(str(path))
                return
            except OSError:
                pass
            finally:
                probe.close()
        time.sleep(0.02)
    raise RuntimeError(f"the server did not listen on {path} within {seconds}s")


class SocketServer:
    """``contpaqi-upgrade serve --socket PATH`` run for the tests, stopped with SIGTERM."""

    def __init__(self, binary: str, path: Path) -> None:
        self.path = path
        self.process = subprocess.Popen(
            [binary, "serve", "--socket", str(path), "--log-level", "error"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        wait_for_socket(path, self.process)

    def stop(self) -> int:
        self.process.terminate()
        try:
            return self.process.wait(10)
        finally:
            if self.process.stderr:
                self.process.stderr.close()


@pytest.fixture(scope="session")
def socket_server(binary, tmp_path_factory):
    # Unix socket paths are short (108 bytes): keep it under a short temporary folder.
    folder = Path(tmp_path_factory.mktemp("sock", numbered=True))
    server = SocketServer(binary, folder / "s.sock")
    yield server
    assert server.stop() == 0, "SIGTERM must stop the server cleanly (exit 0)"
    assert not server.path.exists(), "the server removes its socket file at exit"


@pytest.fixture(params=["spawn", "socket"])
def client(request, binary):
    if request.param == "spawn":
        opened = Client.spawn([binary, "--log-level", "error"], timeout=20)
    else:
        opened = Client.connect(request.getfixturevalue("socket_server").path, timeout=20)
    with opened:
        yield opened


@pytest.fixture
def cli_env(binary):
    """Environment for ``python -m contpaqi_upgrade`` subprocesses."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_ROOT / "src"), env.get("PYTHONPATH")]))
    env["CONTPAQI_UPGRADE"] = binary
    env.pop("CONTPAQI_UPGRADE_SOCKET", None)
    return env


def run_cli(args, env, cwd=None, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "contpaqi_upgrade", *args],
        env=env, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=60,
    )
