"""`serve --socket PATH`: permissions, many clients, limits on connections, taking over (or
not) an existing path, systemd socket activation."""

import json
import os
import re
import signal
import socket
import stat
import subprocess
import threading
import time

import pytest

import rpc

RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def mode_of(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_socket_is_private_by_default(sockdir):
    with rpc.Server(directory=sockdir) as server:
        assert stat.S_ISSOCK(os.lstat(server.path).st_mode)
        assert mode_of(server.path) == 0o600
        with server.client() as client:
            assert client.call(rpc.request(1))["id"] == 1
        assert server.stop() == 0
        assert not os.path.exists(server.path), "the socket file is removed at exit"
        assert server.stdout() == b"", "a socket server writes nothing on stdout"


@pytest.mark.parametrize("given", ["0660", "660", "0666", "0640"])
def test_socket_mode_is_honoured(sockdir, given):
    with rpc.Server("--socket-mode", given, directory=sockdir) as server:
        assert mode_of(server.path) == int(given, 8)
        assert server.stop() == 0


def test_socket_mode_ignores_the_umask(sockdir):
    env = dict(os.environ)
    command = f"umask 077; exec {rpc.BIN} serve --socket {sockdir}/u.sock --socket-mode 0660"
    with rpc.Server(path=os.path.join(sockdir, "u.sock"), directory=sockdir,
                    argv=["/bin/sh", "-c", command], env=env) as server:
        assert mode_of(server.path) == 0o660
        assert server.stop() == 0


def pipelined_client(path, client_number, count, failures):
    try:
        with rpc.Client(path) as client:
            expected = []
            data = bytearray()
            for i in range(count):
                # ids of both types and a mix of results and errors, distinct across clients
                id_ = f"{client_number}-{i}" if i % 2 else client_number * 1_000_000 + i
                method = "getCatalog" if i % 5 else "nope"
                data += rpc.line(rpc.request(id_, method))
                expected.append(id_)
            client.send(bytes(data))  # all at once: pipelined
            for id_ in expected:
                response = client.recv_line()
                if response["id"] != id_ or type(response["id"]) is not type(id_):
                    failures.append(f"client {client_number}: expected {id_!r}, got {response['id']!r}")
                    return
            client.sock.shutdown(socket.SHUT_WR)
            rest = client.recv_all()
            if rest:
                failures.append(f"client {client_number}: extra output {rest[:100]!r}")
    except Exception as error:  # noqa: BLE001 - reported by the test thread
        failures.append(f"client {client_number}: {error!r}")


def test_64_concurrent_clients_200_pipelined_requests_each(sockdir):
    with rpc.Server("--log-level", "warn", directory=sockdir) as server:
        failures = []
        threads = [threading.Thread(target=pipelined_client, args=(server.path, n, 200, failures))
                   for n in range(64)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(rpc.TIMEOUT * 2)
        assert not any(thread.is_alive() for thread in threads), "a client hung"
        assert failures == []
        assert server.stop() == 0
        assert server.stderr() == ""


def busy(client):
    """Leaves a served client in the middle of a message: not idle, so never evicted."""
    client.send(b'{"jsonrpc":"2.0",')
    time.sleep(0.3)  # until the server reads it, the client looks idle
    return client


def test_max_connections_refuses_the_extra_one_when_none_is_idle_and_logs_it(sockdir):
    with rpc.Server("--max-connections", "3", directory=sockdir) as server:
        clients = [busy(server.served_client(number)) for number in range(3)]
        with server.client() as extra:
            assert extra.is_closed_by_peer(timeout=10), "the 4th connection was kept open"
        rpc.wait_until(lambda: "refused" in server.stderr(), 10, what="the refusal in the log")
        for number, client in enumerate(clients):
            client.send(f'"id":{number + 10},"method":"getCatalog"}}\n'.encode())
            assert client.recv_line()["id"] == number + 10, "an earlier client suffered"
        clients.pop().close()
        server.served_client(99).close()  # a freed slot is reusable
        for client in clients:
            client.close()
        assert server.stop() == 0


def start_refused(path, **options):
    """Runs `serve --socket path`, which must refuse and exit; a server that started
    instead (and so took the path) is stopped and reported."""
    process = subprocess.Popen([rpc.BIN, "serve", "--socket", path], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, **options)
    try:
        stdout, stderr = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise AssertionError("the second server started: it took over the path")
    return process.returncode, stdout, stderr.decode()


def test_live_socket_is_not_stolen(sockdir):
    with rpc.Server(directory=sockdir) as first:
        code, stdout, stderr = start_refused(first.path)
        assert code == 1 and stdout == b""
        assert "another server is listening" in stderr, stderr
        assert stat.S_ISSOCK(os.lstat(first.path).st_mode)
        with first.client() as client:
            assert client.call(rpc.request(1))["id"] == 1, "the first server lost its socket"
        assert first.stop() == 0


def test_another_users_live_socket_is_not_stolen(sockdir):
    """A server running as another user cannot connect to a 0600 socket (EACCES): that is
    no proof the socket is stale, so it must not unlink it and take the path."""
    if os.geteuid() != 0:
        pytest.skip("needs root to run the second server as another user")
    probe = subprocess.run([rpc.BIN, "--version"], user=65534, capture_output=True, timeout=rpc.TIMEOUT)
    if probe.returncode != 0:
        pytest.skip("user 65534 cannot run the binary here")
    os.chmod(sockdir, 0o777)  # the other user could unlink the file: only the probe may stop it
    with rpc.Server(directory=sockdir) as first:
        code, _, stderr = start_refused(first.path, user=65534)
        assert code == 1 and "refusing" in stderr, stderr
        assert os.lstat(first.path).st_uid == 0, "the other user's server took the path"
        with first.client() as client:
            assert client.call(rpc.request(1))["id"] == 1
        assert first.stop() == 0


def test_stale_socket_file_is_replaced(sockdir):
    path = os.path.join(sockdir, "rpc.sock")
    leftover = socket.socket(socket.AF_UNIX)
    leftover.bind(path)
    leftover.close()  # the file stays behind, nobody listens
    assert stat.S_ISSOCK(os.lstat(path).st_mode)
    with rpc.Server(path=path, directory=sockdir) as server:
        with server.client() as client:
            assert client.call(rpc.request(1))["id"] == 1
        assert server.stop() == 0


def test_socket_left_by_a_killed_server_is_replaced(sockdir):
    with rpc.Server(directory=sockdir) as victim:
        victim.process.send_signal(signal.SIGKILL)
        victim.process.wait(rpc.TIMEOUT)
        assert os.path.exists(victim.path), "SIGKILL leaves the file behind"
    with rpc.Server(path=victim.path, directory=sockdir) as server:
        with server.client() as client:
            assert client.call(rpc.request(1))["id"] == 1
        assert server.stop() == 0


@pytest.mark.parametrize("kind", ["file", "directory", "symlink"])
def test_path_that_is_not_a_socket_is_left_alone(sockdir, kind):
    path = os.path.join(sockdir, "rpc.sock")
    if kind == "file":
        with open(path, "w") as existing:
            existing.write("precious\n")
    elif kind == "directory":
        os.mkdir(path)
    else:
        with open(os.path.join(sockdir, "target"), "w") as target:
            target.write("precious\n")
        os.symlink("target", path)
    code, _, stderr = start_refused(path)
    assert code == 1 and "not a socket" in stderr, stderr
    if kind == "file":
        with open(path) as existing:
            assert existing.read() == "precious\n"
    elif kind == "directory":
        assert os.path.isdir(path)
    else:
        assert os.path.islink(path) and open(path).read() == "precious\n"


def test_unusable_path_exits_1_with_a_message(sockdir):
    done = subprocess.run([rpc.BIN, "serve", "--socket", os.path.join(sockdir, "missing-dir", "s.sock")],
                          capture_output=True, timeout=rpc.TIMEOUT)
    assert done.returncode == 1 and done.stderr.strip()
    done = subprocess.run([rpc.BIN, "serve", "--socket", os.path.join(sockdir, "x" * 120)],
                          capture_output=True, timeout=rpc.TIMEOUT)
    assert done.returncode == 1 and b"long" in done.stderr


@pytest.mark.parametrize("args", [("serve",), ()], ids=["serve", "no-arguments"])
def test_systemd_socket_activation(sockdir, args):
    path = os.path.join(sockdir, "activated.sock")
    with rpc.Server(path=path, directory=sockdir, argv=rpc.activation_argv(path, *args)) as server:
        with server.client() as client:
            assert client.call(rpc.request(1))["id"] == 1
        out = subprocess.run([rpc.BIN, "call", "--socket", path, "getCatalog"], capture_output=True,
                             timeout=rpc.TIMEOUT)
        assert out.returncode == 0 and json.loads(out.stdout)["targetVersion"] == "2012"
        assert server.stop() == 0
        assert stat.S_ISSOCK(os.lstat(path).st_mode), "the socket belongs to systemd: not removed"


def test_activation_with_a_socket_that_is_not_listening_exits_1(sockdir):
    path = os.path.join(sockdir, "bound-only.sock")
    env = dict(os.environ, E2E_ACTIVATION_NOT_LISTENING="1")
    done = subprocess.run(rpc.activation_argv(path, "serve"), env=env, capture_output=True, timeout=10)
    assert done.returncode == 1 and b"not a listening socket" in done.stderr, done.stderr


def test_activation_for_another_pid_is_ignored(sockdir):
    """LISTEN_PID names a different process: the variables are not ours, serve on --socket."""
    path = os.path.join(sockdir, "own.sock")
    env = dict(os.environ, LISTEN_FDS="1", LISTEN_PID="1")
    with rpc.Server(path=path, directory=sockdir, env=env) as server:
        with server.client() as client:
            assert client.call(rpc.request(1))["id"] == 1
        assert server.stop() == 0
        assert not os.path.exists(path)


def test_server_logs_are_json_lines_on_stderr(sockdir):
    with rpc.Server("--log-format", "json", "--log-level", "debug", "--max-connections", "1",
                    directory=sockdir) as server:
        with busy(server.served_client()):
            with server.client() as refused:
                assert refused.is_closed_by_peer(timeout=10)
        assert server.stop() == 0
        assert server.stdout() == b""
        entries = [json.loads(text) for text in server.stderr().splitlines()]
    levels = {entry["level"] for entry in entries}
    assert {"info", "warn"} <= levels, levels
    for entry in entries:
        assert RFC3339.match(entry["time"]) and entry["message"], entry
    assert any("refused" in entry["message"] for entry in entries)


def test_log_level_error_keeps_a_normal_run_silent(sockdir):
    with rpc.Server("--log-level", "error", directory=sockdir) as server:
        with server.client() as client:
            assert client.call(rpc.request(1))["id"] == 1
        assert server.stop() == 0
        assert server.stderr() == ""
