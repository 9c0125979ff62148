"""Fixtures shared by the end-to-end tests. The binary comes from CONTPAQI_UPGRADE_BIN."""

import os
import shutil

import pytest

import rpc


def pytest_configure(config):
    if not os.access(rpc.BIN, os.X_OK):
        raise pytest.UsageError(
            f"no executable at {rpc.BIN}: build it (swift build) or set CONTPAQI_UPGRADE_BIN")


@pytest.fixture
def sockdir():
    """A short temporary directory for socket paths (sun_path holds 107 bytes)."""
    directory = rpc.short_tempdir()
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def shared_server():
    """One socket server for tests that only exchange messages."""
    directory = rpc.short_tempdir()
    with rpc.Server(directory=directory) as server:
        yield server
        assert server.alive(), f"the shared server died: {server.stderr()}"
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(params=["stdio", "socket"])
def exchange(request):
    """`exchange(bytes) -> bytes`: sends the bytes, ends input, returns the whole answer;
    over a spawned `serve --stdio` process or over a connection to a socket server."""
    if request.param == "stdio":
        def over_stdio(data: bytes) -> bytes:
            done = rpc.run_stdio(data)
            assert done.returncode == 0, done.stderr.decode()
            return done.stdout
        return over_stdio
    server = request.getfixturevalue("shared_server")
    return lambda data: rpc.exchange_socket(server.path, data)
