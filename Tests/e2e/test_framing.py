"""Framing, detected per connection from the first byte, over stdio and a socket alike."""

import json
import os
import select
import socket
import subprocess
import time

import pytest

import rpc


def ids(responses):
    return [r.get("id") for r in responses]


# ---- a stream of JSON texts ----------------------------------------------------------

def test_one_request_per_line(exchange):
    data = b"".join(rpc.line(rpc.request(i)) for i in range(5))
    assert ids(rpc.parse_lines(exchange(data))) == [0, 1, 2, 3, 4]


def test_several_texts_on_one_line(exchange):
    data = (json.dumps(rpc.request(1)) + json.dumps(rpc.request(2, "nope")) + " "
            + json.dumps(rpc.request(3)) + "\n").encode()
    responses = rpc.parse_lines(exchange(data))
    assert ids(responses) == [1, 2, 3]
    assert responses[1]["error"]["code"] == -32601


def test_pretty_printed_requests_as_jq_prints_them(exchange):
    data = (json.dumps(rpc.request(1), indent=2) + "\n"
            + json.dumps([rpc.request(2), rpc.request(3, "nope")], indent=2) + "\n"
            + json.dumps(rpc.request(4, params={}), indent=2) + "\n").encode()
    responses = rpc.parse_lines(exchange(data))
    assert len(responses) == 3
    assert responses[0]["id"] == 1 and "result" in responses[0]
    assert ids(responses[1]) == [2, 3]
    assert responses[2]["id"] == 4 and "result" in responses[2]


def test_parse_error_then_resume_at_next_line(exchange):
    data = b'{"jsonrpc":"2.0",,"id":1,"method":"getCatalog"}\n' + rpc.line(rpc.request(2))
    first, second = rpc.parse_lines(exchange(data))
    assert first["error"]["code"] == -32700 and first["id"] is None
    assert second["id"] == 2 and "result" in second


def test_parse_error_drops_the_rest_of_its_line_only(exchange):
    data = (json.dumps(rpc.request(1)) + ' garbage ' + json.dumps(rpc.request(2)) + "\n"
            + json.dumps(rpc.request(3)) + "\n").encode()
    responses = rpc.parse_lines(exchange(data))
    assert ids(responses) == [1, None, 3]
    assert responses[1]["error"]["code"] == -32700


def test_broken_pretty_printed_message_costs_errors_not_later_requests(exchange):
    broken = '{\n  "jsonrpc": "2.0",\n  "id": 1,\n  "method": getCatalog\n}\n'
    data = broken.encode() + rpc.line(rpc.request(2))
    responses = rpc.parse_lines(exchange(data))
    assert responses[-1]["id"] == 2 and "result" in responses[-1]
    assert len(responses) >= 2
    for error in responses[:-1]:
        assert error["error"]["code"] == -32700 and error["id"] is None


def test_last_message_without_newline_is_answered(exchange):
    data = rpc.line(rpc.request(1)) + json.dumps(rpc.request(2)).encode()
    assert ids(rpc.parse_lines(exchange(data))) == [1, 2]


def test_truncated_last_message_is_a_parse_error(exchange):
    data = rpc.line(rpc.request(1)) + b'{"jsonrpc":"2.0","id":2,"meth'
    responses = rpc.parse_lines(exchange(data))
    assert ids(responses) == [1, None]
    assert responses[1]["error"]["code"] == -32700


def test_byte_order_mark_is_ignored(exchange):
    data = b"\xef\xbb\xbf" + rpc.line(rpc.request(1)) + rpc.line(rpc.request(2))
    assert ids(rpc.parse_lines(exchange(data))) == [1, 2]


def test_leading_blank_lines_and_crlf(exchange):
    data = b"\r\n\n  \t" + json.dumps(rpc.request(1)).encode() + b"\r\n" + rpc.line(rpc.request(2))
    assert ids(rpc.parse_lines(exchange(data))) == [1, 2]


def test_responses_are_compact_one_per_line(exchange):
    output = exchange(json.dumps(rpc.request(1), indent=4).encode() + b"\n")
    assert output.count(b"\n") == 1 and output.endswith(b"\n")
    assert b": " not in output.split(b'"result"')[0]


def test_input_only_whitespace_gets_nothing(exchange):
    assert exchange(b"  \n\n\t\r\n") == b""


# ---- Content-Length headers ----------------------------------------------------------

@pytest.mark.parametrize("name", ["Content-Length", "content-length", "CONTENT-LENGTH", "cOnTeNt-LeNgTh"])
def test_content_length_header_names_are_case_insensitive(exchange, name):
    data = rpc.framed(rpc.request(1), header_name=name) + rpc.framed(rpc.request(2, "nope"), header_name=name)
    responses = rpc.parse_framed(exchange(data))
    assert ids(responses) == [1, 2]
    assert "result" in responses[0] and responses[1]["error"]["code"] == -32601


def test_content_length_counts_bytes_of_non_ascii_body(exchange):
    method = "método-ñ-😀-日本"
    body = json.dumps(rpc.request("ü", method), ensure_ascii=False).encode()
    assert len(body) > len(body.decode())  # bytes, not characters
    data = rpc.framed(body) + rpc.framed(rpc.request(2))
    output = exchange(data)
    responses = rpc.parse_framed(output)  # checks each response's length is its byte count
    assert responses[0]["id"] == "ü" and responses[0]["error"]["data"]["method"] == method
    assert responses[1]["id"] == 2 and "result" in responses[1]
    assert b"\n" not in output.split(b"\r\n\r\n", 1)[1][:20], "the body follows the headers directly"


def test_content_length_with_other_headers(exchange):
    data = rpc.framed(rpc.request(1), extra_headers=["Content-Type: application/vscode-jsonrpc; charset=utf-8"])
    data += b"Content-Type: application/json\r\n" + rpc.framed(rpc.request(2))
    assert ids(rpc.parse_framed(exchange(data))) == [1, 2]


def test_content_length_batch_notification_and_parse_error(exchange):
    data = (rpc.framed([rpc.request(1), rpc.request(..., "nope")])
            + rpc.framed(rpc.request(..., "getCatalog"))
            + rpc.framed(b'{"jsonrpc": oops}')
            + rpc.framed(rpc.request(3)))
    responses = rpc.parse_framed(exchange(data))
    assert len(responses) == 3
    assert ids(responses[0]) == [1]
    assert responses[1]["error"]["code"] == -32700 and responses[1]["id"] is None
    assert responses[2]["id"] == 3


def test_content_length_after_byte_order_mark(exchange):
    data = b"\xef\xbb\xbf" + rpc.framed(rpc.request(1))
    assert ids(rpc.parse_framed(exchange(data))) == [1]


@pytest.mark.parametrize("header", [
    b"Content-Length: abc\r\n\r\n",
    b"Content-Length: -5\r\n\r\n",
    b"Content-Type: application/json\r\n\r\n",  # no length at all
    b"Content-Length 12\r\n\r\n",             # no colon
])
def test_unparseable_header_block_gets_invalid_request_then_close(exchange, header):
    data = header + rpc.framed(rpc.request(2))
    responses = rpc.parse_framed(exchange(data))
    assert len(responses) == 1, "nothing after an unparseable header block is served"
    assert responses[0]["error"]["code"] == -32600 and responses[0]["id"] is None


def test_unparseable_header_closes_the_socket_connection_at_once(shared_server):
    with shared_server.client() as client:
        client.send(b"Content-Length: nope\r\n\r\n")  # the sending side stays open
        response = client.recv_framed()
        assert response["error"]["code"] == -32600
        assert client.is_closed_by_peer(timeout=10), "the server kept the connection open"


# ---- byte at a time ------------------------------------------------------------------

def read_available(fd, until: bytes, timeout=rpc.TIMEOUT) -> bytes:
    data = b""
    deadline = time.monotonic() + timeout
    while until not in data:
        left = deadline - time.monotonic()
        assert left > 0, f"timed out; got {data!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 1 << 16)
            assert chunk, f"EOF; got {data!r}"
            data += chunk
    return data


def trickle(write, data: bytes):
    for index in range(len(data)):
        write(data[index:index + 1])
        if index % 8 == 0:
            time.sleep(0.0005)  # let the server read single bytes, not one coalesced chunk


@pytest.mark.parametrize("framing", ["ndjson", "content-length"])
def test_byte_at_a_time_over_a_pipe(framing):
    process = subprocess.Popen([rpc.BIN], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        stdin, stdout = process.stdin.fileno(), process.stdout.fileno()
        output = b""
        for id_ in ("é-1", 2):
            message = rpc.request(id_, "getCatalog" if id_ == 2 else "nope")
            data = rpc.line(message) if framing == "ndjson" else rpc.framed(message)
            trickle(lambda byte: os.write(stdin, byte), data)
            # answered while stdin is still open: the server does not wait for EOF
            output += read_available(stdout, b'"result"' if id_ == 2 else b"-32601")
        process.stdin.close()
        output += process.stdout.read()
        assert process.wait(rpc.TIMEOUT) == 0
    finally:
        process.kill()
        process.wait()
    parsed = rpc.parse_lines(output) if framing == "ndjson" else rpc.parse_framed(output)
    assert ids(parsed) == ["é-1", 2]


@pytest.mark.parametrize("framing", ["ndjson", "content-length"])
def test_byte_at_a_time_over_a_socket(shared_server, framing):
    with shared_server.client() as client:
        for id_ in (1, "二"):
            message = rpc.request(id_, params={})
            data = rpc.line(message) if framing == "ndjson" else rpc.framed(message)
            trickle(client.send, data)
            response = client.recv_line() if framing == "ndjson" else client.recv_framed()
            assert response["id"] == id_ and "result" in response
        client.sock.shutdown(socket.SHUT_WR)
        assert client.recv_all() == b""


@pytest.mark.parametrize("text", [b'"hello"', b"42", b"-1.5e3", b"null", b"true"])
def test_top_level_scalar_is_an_invalid_request(exchange, text):
    for data in (text + b"\n", text):  # also at end of input without a line end
        (response,) = rpc.parse_lines(exchange(data))
        assert response["error"]["code"] == -32600 and response["id"] is None


@pytest.mark.parametrize("framing", ["ndjson", "content-length"])
def test_absurd_nesting_is_a_parse_error_not_a_crash(exchange, framing):
    deep = b"[" * 300_000 + b"]" * 300_000
    if framing == "ndjson":
        responses = rpc.parse_lines(exchange(deep + b"\n" + rpc.line(rpc.request(2))))
    else:
        responses = rpc.parse_framed(exchange(rpc.framed(deep) + rpc.framed(rpc.request(2))))
    assert [r["id"] for r in responses] == [None, 2]
    assert responses[0]["error"]["code"] == -32700
