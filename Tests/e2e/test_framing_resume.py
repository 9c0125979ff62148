"""A truncated line never costs the request after it: when a parse error is found at a
`{` or `[` opening a line, the broken text before it is the one -32700 and reading resumes
at that byte. Over stdio and a Unix socket alike (the `exchange` fixture)."""

import json
import socket
import time

import rpc


def ids(responses):
    return [r.get("id") for r in responses]


def truncated(id_) -> bytes:
    """A request line cut before its closing brace, as a killed writer leaves it."""
    return json.dumps(rpc.request(id_), separators=(",", ":"))[:-1].encode() + b"\n"


def assert_parse_error(response):
    assert response["error"]["code"] == -32700 and response["id"] is None, response


def test_truncated_line_then_request(exchange):
    first, second = rpc.parse_lines(exchange(truncated(1) + rpc.line(rpc.request(2))))
    assert_parse_error(first)
    assert second["id"] == 2 and "result" in second


def test_truncated_lines_in_a_row_with_blanks_and_crlf(exchange):
    data = (truncated(1) + b"\r\n  \t" + truncated(2).rstrip(b"\n") + b"\r\n"
            + rpc.line(rpc.request(3)))
    responses = rpc.parse_lines(exchange(data))
    assert ids(responses) == [None, None, 3]
    assert_parse_error(responses[0])
    assert_parse_error(responses[1])


def test_truncated_batch_then_request(exchange):
    batch = b"[" + json.dumps(rpc.request(1)).encode() + b"\n"
    first, second = rpc.parse_lines(exchange(batch + rpc.line(rpc.request(2))))
    assert_parse_error(first)
    assert second["id"] == 2 and "result" in second


def test_truncated_line_then_batch(exchange):
    first, second = rpc.parse_lines(exchange(truncated(1) + rpc.line([rpc.request(2), rpc.request(3)])))
    assert_parse_error(first)
    assert ids(second) == [2, 3]


def test_an_error_inside_a_line_still_drops_the_rest_of_it(exchange):
    data = (json.dumps(rpc.request(1))[:-1] + " " + json.dumps(rpc.request(2)) + "\n").encode()
    responses = rpc.parse_lines(exchange(data + rpc.line(rpc.request(3))))
    assert ids(responses) == [None, 3]
    assert_parse_error(responses[0])


def test_pretty_printed_requests_with_lines_opening_values(exchange):
    # jq prints `"params": {` on one line; this layout opens the value on the next line,
    # where a value belongs: it is part of the request, not a new text.
    request = ('{\n  "jsonrpc": "2.0",\n  "id": 1,\n  "method": "getCatalog",\n  "params":\n'
               '  {\n  }\n}\n')
    batch = json.dumps([rpc.request(2), rpc.request(3, params={})], indent=2) + "\n"
    responses = rpc.parse_lines(exchange((request + batch).encode()))
    assert len(responses) == 2
    assert responses[0]["id"] == 1 and "result" in responses[0]
    assert ids(responses[1]) == [2, 3]


def test_truncated_pretty_printed_request_then_another(exchange):
    cut = json.dumps(rpc.request(1, params={}), indent=2).rsplit("\n", 1)[0]  # no closing brace
    data = (cut + "\n" + json.dumps(rpc.request(2), indent=2) + "\n").encode()
    first, second = rpc.parse_lines(exchange(data))
    assert_parse_error(first)
    assert second["id"] == 2 and "result" in second


def test_content_length_body_is_one_message_whatever_its_lines(exchange):
    body = truncated(1) + json.dumps(rpc.request(2)).encode()
    responses = rpc.parse_framed(exchange(rpc.framed(body) + rpc.framed(rpc.request(3))))
    assert ids(responses) == [None, 3]
    assert_parse_error(responses[0])


def test_resumed_request_is_answered_before_end_of_input(shared_server):
    # The next line's `{` ends the broken text, so both answers come while the client waits.
    with shared_server.client() as client:
        data = truncated(1) + rpc.line(rpc.request(2))
        for index in range(len(data)):  # one byte per read: the line start spans reads
            client.send(data[index:index + 1])
            time.sleep(0.0005)
        assert_parse_error(client.recv_line())
        response = client.recv_line()
        assert response["id"] == 2 and "result" in response
        client.sock.shutdown(socket.SHUT_WR)
        assert client.recv_all() == b""
