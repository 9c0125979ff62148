"""The examples of the JSON-RPC 2.0 specification, adapted to our methods, over stdio and a
socket alike (the `exchange` fixture runs each test on both)."""

import json

import pytest

import rpc

PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, INVALID_PARAMS = -32700, -32600, -32601, -32602


def one(exchange, data: bytes):
    responses = rpc.parse_lines(exchange(data))
    assert len(responses) == 1, responses
    return responses[0]


def assert_error(response, code, id_=None):
    assert response["jsonrpc"] == "2.0"
    assert "result" not in response
    assert response["error"]["code"] == code, response
    assert "id" in response and response["id"] == id_ and type(response["id"]) is type(id_), response


def test_call_with_named_params(exchange):
    response = one(exchange, rpc.line(rpc.request(1, params={})))
    assert response["id"] == 1 and response["jsonrpc"] == "2.0"
    assert response["result"]["targetVersion"] == "2012"
    assert "error" not in response


def test_call_with_positional_params_is_invalid_params(exchange):
    response = one(exchange, rpc.line(rpc.request(1, params=[42, 23])))
    assert_error(response, INVALID_PARAMS, 1)


def test_unknown_field_in_params(exchange):
    response = one(exchange, rpc.line(rpc.request(2, params={"x": 1})))
    assert_error(response, INVALID_PARAMS, 2)
    assert response["error"]["data"]["errors"][0]["code"] == "UNKNOWN_FIELD"


@pytest.mark.parametrize("notification", [
    rpc.request(..., "getCatalog"),
    rpc.request(..., "nope"),                      # even a failing notification is silent
    rpc.request(..., "getCatalog", {"x": 1}),
])
def test_notification_gets_no_output_at_all(exchange, notification):
    assert exchange(rpc.line(notification)) == b""


def test_method_not_found(exchange):
    response = one(exchange, rpc.line(rpc.request("1", "foobar")))
    assert_error(response, METHOD_NOT_FOUND, "1")
    assert response["error"]["message"] == "Method not found"
    assert response["error"]["data"] == {"method": "foobar"}


@pytest.mark.parametrize("method", ["GetCatalog", "getcatalog", "rpc.getCatalog", "rpc.foo"])
def test_method_names_are_case_sensitive_and_rpc_reserved(exchange, method):
    assert_error(one(exchange, rpc.line(rpc.request(7, method))), METHOD_NOT_FOUND, 7)


def test_invalid_json_is_parse_error_with_null_id(exchange):
    response = one(exchange, b'{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]\n')
    assert_error(response, PARSE_ERROR, None)
    assert response["error"]["message"] == "Parse error"
    assert isinstance(response["error"]["data"]["reason"], str)


@pytest.mark.parametrize("text", [
    b'{"jsonrpc": "2.0", "method": 1, "params": "bar"}',
    b'{"jsonrpc": "2.0", "method": 1, "params": "bar", "id": 1}',
])
def test_invalid_request_object(exchange, text):
    response = one(exchange, text + b"\n")
    expected_id = 1 if b'"id"' in text else None
    assert_error(response, INVALID_REQUEST, expected_id)
    assert response["error"]["message"] == "Invalid Request"


@pytest.mark.parametrize("params", ["bar", 3, True])
def test_params_neither_object_nor_array(exchange, params):
    text = json.dumps({"jsonrpc": "2.0", "id": 4, "method": "getCatalog", "params": params})
    assert_error(one(exchange, text.encode() + b"\n"), INVALID_REQUEST, 4)


@pytest.mark.parametrize("version", [None, "1.0", 2.0])
def test_jsonrpc_member_must_be_2_0(exchange, version):
    message = {"id": 5, "method": "getCatalog"}
    if version is not None:
        message["jsonrpc"] = version
    assert_error(one(exchange, rpc.line(message)), INVALID_REQUEST, 5)


def test_unknown_request_members_are_ignored(exchange):
    response = one(exchange, rpc.line(rpc.request(6, extension={"a": 1})))
    assert response["id"] == 6 and "result" in response


def test_batch_with_invalid_json(exchange):
    text = (b'[{"jsonrpc": "2.0", "method": "getCatalog", "params": {}, "id": "1"},'
            b'{"jsonrpc": "2.0", "method"]\n')
    assert_error(one(exchange, text), PARSE_ERROR, None)


def test_empty_batch_is_one_invalid_request(exchange):
    response = one(exchange, b"[]\n")
    assert isinstance(response, dict), "an empty batch is answered with one error, not an array"
    assert_error(response, INVALID_REQUEST, None)


def test_invalid_batch_of_one(exchange):
    response = one(exchange, b"[1]\n")
    assert isinstance(response, list) and len(response) == 1
    assert_error(response[0], INVALID_REQUEST, None)


def test_invalid_batch_of_three(exchange):
    response = one(exchange, b"[1,2,3]\n")
    assert isinstance(response, list) and len(response) == 3
    for member in response:
        assert_error(member, INVALID_REQUEST, None)


def test_mixed_batch_in_request_order(exchange):
    batch = [
        rpc.request("1"),
        rpc.request(..., "getCatalog"),
        rpc.request("2", params={"x": 1}),
        {"foo": "boo"},
        rpc.request("5", "foo.get", {"name": "myself"}),
        rpc.request("9", "getCatalog"),
        rpc.request(..., "nope"),
    ]
    response = one(exchange, rpc.line(batch))
    assert isinstance(response, list)
    assert [member.get("id") for member in response] == ["1", "2", None, "5", "9"]
    assert response[0]["result"]["targetVersion"] == "2012"
    assert_error(response[1], INVALID_PARAMS, "2")
    assert_error(response[2], INVALID_REQUEST, None)
    assert_error(response[3], METHOD_NOT_FOUND, "5")
    assert "result" in response[4]


def test_batch_of_notifications_gets_nothing(exchange):
    batch = [rpc.request(..., "getCatalog"), rpc.request(..., "nope")]
    assert exchange(rpc.line(batch)) == b"", "not even []"


def test_batch_of_notifications_then_request(exchange):
    """Silence for the all-notification batch must not swallow the next message."""
    data = rpc.line([rpc.request(..., "nope")]) + rpc.line(rpc.request(3))
    responses = rpc.parse_lines(exchange(data))
    assert [r["id"] for r in responses] == [3]


ID_CASES = [
    "ünïcødé ✓ 😀 日本語",
    'quote " backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007',
    "\u2028\u2029",
    "",
    "1",
    1,
    0,
    -1,
    9223372036854775807,
    -9223372036854775808,
    None,
]


@pytest.mark.parametrize("id_", ID_CASES, ids=repr)
def test_id_is_echoed_exactly(exchange, id_):
    for method in ("getCatalog", "nope"):  # in results and in errors
        response = one(exchange, rpc.line(rpc.request(id_, method)))
        assert response["id"] == id_ and type(response["id"]) is type(id_), response


def test_escaped_string_id_decodes_to_the_same_string(exchange):
    text = b'{"jsonrpc":"2.0","id":"\\u00e9\\ud83d\\ude00\\"\\\\\\/","method":"nope"}\n'
    response = one(exchange, text)
    assert response["id"] == 'é😀"\\/'


def test_one_and_string_one_stay_distinct(exchange):
    data = rpc.line(rpc.request(1)) + rpc.line(rpc.request("1"))
    first, second = rpc.parse_lines(exchange(data))
    assert first["id"] == 1 and type(first["id"]) is int
    assert second["id"] == "1"


@pytest.mark.parametrize("literal", [b"1.5", b"18446744073709551616", b"-9223372036854775809", b"1e3"])
def test_other_numeric_ids_come_back_as_the_same_number(exchange, literal):
    text = b'{"jsonrpc":"2.0","id":' + literal + b',"method":"nope"}\n'
    output = exchange(text)
    assert json.loads(output)["id"] == json.loads(literal)


@pytest.mark.parametrize("bad_id", [{"a": 1}, [1], True, False])
def test_id_of_wrong_type_is_invalid_request_with_null_id(exchange, bad_id):
    response = one(exchange, rpc.line(rpc.request(bad_id)))
    assert_error(response, INVALID_REQUEST, None)
