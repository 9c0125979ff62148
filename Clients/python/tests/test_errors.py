"""RPC errors as exceptions with field errors, over both transports; transport failures."""

import socket
import sys
import threading
import time
from datetime import date, timedelta

import pytest

from contpaqi_upgrade import (
    CallTimeout, Client, FieldError, InvalidParams, InvalidRequest, MethodNotFound, NotEligible, RpcError,
    TransportError,
)


def test_invalid_params_lists_every_field_error_in_params_order(client):
    with pytest.raises(InvalidParams) as caught:
        client.quote_support("weekly", systems=0, users="many")
    error = caught.value
    assert isinstance(error, RpcError)
    assert error.code == -32602 and error.message == "Invalid params"
    assert [(e.path, e.code) for e in error.errors] == [
        ("/plan", "INVALID_VALUE"), ("/systems", "OUT_OF_RANGE"), ("/users", "INVALID_TYPE")]
    assert all(isinstance(e, FieldError) and e.message for e in error.errors)
    assert "/plan" in str(error)


def test_missing_and_unknown_fields(client):
    with pytest.raises(InvalidParams) as caught:
        client.call("checkEligibility", {"purchasedate": "2011-08-15"})
    codes = {(e.path, e.code) for e in caught.value.errors}
    assert ("/purchaseDate", "REQUIRED") in codes
    assert ("/purchasedate", "UNKNOWN_FIELD") in codes


def test_future_purchase_date_is_out_of_range(client):
    with pytest.raises(InvalidParams) as caught:
        client.check_eligibility(date.today() + timedelta(days=3))
    assert [(e.path, e.code) for e in caught.value.errors] == [("/purchaseDate", "OUT_OF_RANGE")]


def test_unknown_method_is_method_not_found(client):
    with pytest.raises(MethodNotFound) as caught:
        client.call("checkeligibility", {"purchaseDate": "2011-08-15"})
    assert caught.value.code == -32601
    assert caught.value.data == {"method": "checkeligibility"}
    assert caught.value.errors == []


def test_params_as_array_is_invalid_params(client):
    with pytest.raises(InvalidParams) as caught:
        client.call("getCatalog", ["x"])
    assert caught.value.errors[0].path == ""


def test_key_request_errors_point_into_systems(client):
    with pytest.raises(InvalidParams) as caught:
        client.request_keys(
            "ACME", "Ana\r\nBcc: victim@example.com", "ana@example.com",
            [("nominas", "AAAA-BBBB-CCCC-DDDD"), ("nominas", "aaaa-bbbb-cccc-dddd"), ("nomina x", "bad")],
        )
    found = {(e.path, e.code) for e in caught.value.errors}
    assert ("/contactName", "INVALID_TEXT") in found
    assert ("/systems/1/serialNumber", "DUPLICATE_SERIAL") in found
    assert ("/systems/2/systemType", "UNKNOWN_SYSTEM_TYPE") in found
    assert ("/systems/2/serialNumber", "INVALID_SERIAL") in found
    assert caught.value.errors[0].parts == ["contactName"]


def test_pre_cutoff_system_is_not_eligible(client):
    with pytest.raises(NotEligible) as caught:
        client.request_keys("ACME", "Ana", "ana@example.com", [
            {"systemType": "bancos", "serialNumber": "AAAA-BBBB-CCCC-0001", "purchaseDate": "2011-08-01"},
            {"systemType": "bancos", "serialNumber": "AAAA-BBBB-CCCC-0002", "purchaseDate": date(2011, 6, 30)},
        ])
    assert caught.value.code == -32001 and caught.value.message == "Not eligible"
    assert [(e.path, e.code) for e in caught.value.errors] == [("/systems/1/purchaseDate", "NOT_ELIGIBLE")]


def test_naive_sent_at_is_rejected_by_the_service(client):
    from datetime import datetime
    with pytest.raises(InvalidParams) as caught:
        client.request_keys("ACME", "Ana", "ana@example.com", [("bancos", "AAAA-BBBB-CCCC-0001")],
                            sent_at=datetime(2012, 1, 10, 9, 0))
    assert [(e.path, e.code) for e in caught.value.errors] == [("/sentAt", "INVALID_DATETIME")]


def test_client_is_usable_after_errors(client):
    with pytest.raises(RpcError):
        client.call("nope")
    assert client.check_eligibility("2011-08-15").eligible


def test_closed_client_refuses_calls(binary):
    client = Client.spawn([binary, "--log-level", "error"])
    client.close()
    with pytest.raises(TransportError):
        client.get_catalog()


def test_missing_socket_is_a_transport_error(tmp_path):
    with pytest.raises(TransportError, match="cannot connect"):
        Client.connect(tmp_path / "absent.sock")


def test_missing_binary_is_a_transport_error(tmp_path):
    with pytest.raises(TransportError, match="cannot start"):
        Client.spawn([str(tmp_path / "no-such-binary")])


def test_server_that_dies_is_a_transport_error():
    with Client.spawn([sys.executable, "-c", "import sys; sys.stdin.readline()"], timeout=10) as client:
        with pytest.raises(TransportError, match="exit|closed"):
            client.get_catalog()


# A stand-in server that answers request 1 late and every other request at once: the
# client must time out on 1, then drop that late answer and return the right one for 2.
SLOW_FIRST = r"""
import json, sys, time
for line in sys.stdin:
    request = json.loads(line)
    if request["id"] == 1:
        time.sleep(0.6)
    sys.stdout.write(json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": request["id"]}) + "\n")
    sys.stdout.flush()
"""


def test_pipe_timeout_then_late_answer_is_discarded():
    with Client.spawn([sys.executable, "-c", SLOW_FIRST], timeout=10) as client:
        started = time.monotonic()
        with pytest.raises(CallTimeout):
            client.call("slow", timeout=0.2)
        assert time.monotonic() - started < 0.55
        assert client.call("fast") == 2


def test_socket_timeout_when_the_server_never_answers(tmp_path):
    path = tmp_path / "mute.sock"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(1)
    accepted = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    try:
        with Client.connect(path, timeout=0.2) as client:
            started = time.monotonic()
            with pytest.raises(CallTimeout):
                client.get_catalog()
            assert time.monotonic() - started < 2
    finally:
        thread.join(2)
        for conn in accepted:
            conn.close()
        listener.close()


def test_one_socket_client_shared_by_threads(socket_server):
    failures = []

    def work(offset):
        try:
            for day in range(1, 11):
                result = client.check_eligibility(date(2011, 7, day + offset))
                if result.purchase_date != date(2011, 7, day + offset):
                    failures.append(result)
        except Exception as error:  # noqa: BLE001 - collected for the assertion below
            failures.append(error)

    with Client.connect(socket_server.path) as client:
        threads = [threading.Thread(target=work, args=(n * 10,)) for n in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    assert failures == []


def test_oversized_message_is_invalid_request_and_the_client_goes_on(binary):
    with Client.spawn([binary, "--max-message-bytes", "200", "--log-level", "error"], timeout=10) as client:
        with pytest.raises(InvalidRequest) as caught:
            client.call("checkEligibility", {"purchaseDate": "2011-08-15", "systemType": "x" * 300})
        assert caught.value.code == -32600
        batch = client.batch()
        for _ in range(10):
            batch.check_eligibility("2011-08-15", "nominas")
        with pytest.raises(InvalidRequest):
            batch.send()  # a batch is one message: refused as a whole
        assert client.check_eligibility("2011-08-15").eligible
