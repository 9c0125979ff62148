"""stdio: the default transport, for a parent process that spawns the binary."""

import json
import re
import signal
import subprocess

import pytest

import rpc

RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@pytest.mark.parametrize("args", [(), ("serve", "--stdio"), ("serve",), ("--log-level", "debug")],
                         ids=["no-arguments", "serve--stdio", "serve", "options-only"])
def test_request_piped_in_gets_its_answer(args):
    done = rpc.run_stdio(rpc.line(rpc.request(1)), args=args)
    assert done.returncode == 0, done.stderr
    (response,) = rpc.parse_lines(done.stdout)
    assert response["id"] == 1 and response["result"]["cutoffDate"] == "2011-07-01"


def test_end_of_input_answers_everything_read_in_order():
    count = 2000
    data = b"".join(rpc.line(rpc.request(i, "getCatalog" if i % 3 else "nope")) for i in range(count))
    done = rpc.run_stdio(data)
    assert done.returncode == 0, done.stderr
    assert [r["id"] for r in rpc.parse_lines(done.stdout)] == list(range(count))


def test_empty_input_exits_zero_silently():
    done = rpc.run_stdio(b"")
    assert (done.returncode, done.stdout) == (0, b"")


def test_stdout_carries_only_protocol_even_at_debug_level():
    data = (rpc.line(rpc.request(1)) + b"not json\n" + rpc.line(rpc.request(..., "nope"))
            + rpc.line([rpc.request(2, "nope")]) + b"[]\n" + json.dumps(rpc.request(3)).encode())
    done = rpc.run_stdio(data, args=("serve", "--stdio", "--log-level", "debug"))
    assert done.returncode == 0
    responses = rpc.parse_lines(done.stdout)
    assert len(responses) == 5
    for response in responses:
        for member in (response if isinstance(response, list) else [response]):
            assert member["jsonrpc"] == "2.0" and ("result" in member) != ("error" in member)


def test_json_logs_on_stderr_parse_with_time_level_message():
    process = subprocess.Popen([rpc.BIN, "serve", "--stdio", "--log-format", "json", "--log-level", "debug"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        process.stdin.write(rpc.line(rpc.request(1)))
        process.stdin.flush()
        assert rpc.parse_lines(process.stdout.readline())[0]["id"] == 1
        process.send_signal(signal.SIGTERM)  # the stop is logged at info level
        stdout, stderr = process.communicate(timeout=rpc.TIMEOUT)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 0
    assert stdout == b""
    lines = stderr.decode().splitlines()
    assert lines, "the stop on a signal was not logged"
    for text in lines:
        entry = json.loads(text)
        assert RFC3339.match(entry["time"]), entry
        assert entry["level"] in ("error", "warn", "info", "debug")
        assert isinstance(entry["message"], str) and entry["message"]


def test_reader_gone_does_not_hang_or_crash():
    process = subprocess.Popen([rpc.BIN], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdout.close()  # nobody will ever read the answers
    try:
        process.stdin.write(rpc.line(rpc.request(1)) * 100)
        process.stdin.close()
    except BrokenPipeError:
        pass
    try:
        code = process.wait(rpc.TIMEOUT)
    finally:
        process.kill()
    assert code in (0, 1), f"ended by signal {-code}" if code < 0 else code
    process.stderr.close()
