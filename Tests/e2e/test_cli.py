"""The command line: help, version, usage errors, `call`, `schema`."""

import json
import os
import re
import socket
import subprocess

import pytest

import rpc


def run(*args, timeout=rpc.TIMEOUT, stdin=b""):
    return subprocess.run([rpc.BIN, *args], input=stdin, capture_output=True, timeout=timeout)


def test_help_mentions_every_command_and_option():
    done = run("--help")
    assert done.returncode == 0 and done.stderr == b""
    text = done.stdout.decode()
    for word in ["serve", "--stdio", "--socket", "call", "METHOD", "PARAMS_JSON", "schema", "--help",
                 "--version", "--socket-mode", "--max-message-bytes", "--max-connections", "--log-level",
                 "--log-format", "getCatalog", "LISTEN_FDS"]:
        assert word in text, f"--help does not mention {word}"


def test_version():
    done = run("--version")
    assert done.returncode == 0 and done.stderr == b""
    assert re.fullmatch(rb"contpaqi-upgrade \d+\.\d+\.\d+\n", done.stdout), done.stdout


@pytest.mark.parametrize("args", [
    ["--bogus"],
    ["serve", "--bogus"],
    ["serve", "--socket"],                       # missing value
    ["serve", "--socket", ""],
    ["serve", "--stdio", "--socket", "/tmp/x.sock"],
    ["serve", "--socket-mode", "0999"],
    ["serve", "--socket-mode", "rw-rw----"],
    ["serve", "--max-connections", "0"],
    ["serve", "--max-message-bytes", "-1"],
    ["serve", "--log-level", "verbose"],
    ["serve", "--log-format", "xml"],
    ["frobnicate"],
    ["call"],
    ["call", "--socket"],
    ["call", "--socket", "", "getCatalog"],     # as for serve: an empty path is no path
    ["call", "getCatalog", "{}", "extra"],
    ["schema", "extra"],
], ids=lambda args: " ".join(args))
def test_usage_errors_exit_2_with_a_message_on_stderr(args):
    done = run(*args, timeout=10)
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stdout == b""
    assert done.stderr.strip(), "a usage error says what is wrong"


def test_call_in_process_prints_the_result():
    done = run("call", "getCatalog")
    assert done.returncode == 0
    assert done.stderr == b"", "call prints nothing but the result"
    result = json.loads(done.stdout)
    assert result["targetVersion"] == "2012" and "jsonrpc" not in result


def test_call_with_params_json():
    done = run("call", "getCatalog", "{}")
    assert done.returncode == 0 and json.loads(done.stdout)["currency"] == "MXN"


def test_call_unknown_method_prints_the_error_object_on_stderr():
    done = run("call", "nope")
    assert done.returncode == 1
    assert done.stdout == b""
    error = json.loads(done.stderr)
    assert error["code"] == -32601 and error["data"] == {"method": "nope"}


def test_call_invalid_params_prints_the_error_object():
    done = run("call", "getCatalog", '{"x":1}')
    assert done.returncode == 1 and done.stdout == b""
    error = json.loads(done.stderr)
    assert error["code"] == -32602 and error["data"]["errors"][0]["code"] == "UNKNOWN_FIELD"


@pytest.mark.parametrize("params", ["{", "not json", '{"a":1} trailing', ""])
def test_call_with_bad_params_json_exits_2(params):
    done = run("call", "getCatalog", params)
    assert done.returncode == 2, done.stderr
    assert done.stdout == b"" and done.stderr.strip()


def test_call_over_socket_matches_in_process(sockdir):
    with rpc.Server(directory=sockdir) as server:
        remote = run("call", "--socket", server.path, "getCatalog")
        assert remote.returncode == 0 and remote.stderr == b""
        assert json.loads(remote.stdout) == json.loads(run("call", "getCatalog").stdout)
        failing = run("call", "--socket", server.path, "getCatalog", '{"x":1}')
        assert failing.returncode == 1 and json.loads(failing.stderr)["code"] == -32602
        method = "ñ" * 60_000  # echoed in a 120 kB error: an answer that takes many reads
        large = run("call", "--socket", server.path, method)
        assert large.returncode == 1 and json.loads(large.stderr)["data"]["method"] == method
        assert server.stop() == 0


def test_call_unreachable_socket_exits_3(sockdir):
    missing = run("call", "--socket", os.path.join(sockdir, "none.sock"), "getCatalog")
    assert missing.returncode == 3 and missing.stdout == b"" and missing.stderr.strip()
    stale_path = os.path.join(sockdir, "stale.sock")
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(stale_path)
    stale.close()  # the file stays, nobody listens
    done = run("call", "--socket", stale_path, "getCatalog")
    assert done.returncode == 3 and done.stdout == b""


def test_call_server_closing_without_answer_exits_3(sockdir):
    path = os.path.join(sockdir, "mute.sock")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(path)
    listener.listen(1)
    process = subprocess.Popen([rpc.BIN, "call", "--socket", path, "getCatalog"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        listener.settimeout(rpc.TIMEOUT)
        connection, _ = listener.accept()
        connection.close()
        stdout, _ = process.communicate(timeout=rpc.TIMEOUT)
    finally:
        process.kill()
        process.wait()
        listener.close()
    assert process.returncode == 3 and stdout == b""


def test_schema_prints_the_openrpc_document():
    done = run("schema")
    assert done.returncode == 0 and done.stderr == b""
    document = json.loads(done.stdout)
    assert document["openrpc"].startswith("1.3") and isinstance(document["methods"], list)
    checked_in = rpc.ROOT / "Schemas" / "openrpc.json"
    if checked_in.exists():
        assert json.loads(checked_in.read_text()) == document


def test_rpc_discover_returns_the_schema():
    discovered = rpc.parse_lines(rpc.run_stdio(rpc.line(rpc.request(1, "rpc.discover"))).stdout)[0]
    if discovered.get("error", {}).get("code") == -32601:
        pytest.xfail("rpc.discover is not implemented yet (ContpaqiUpgradeService)")
    assert discovered["result"] == json.loads(run("schema").stdout)
