"""API.md §2's rulings on input, against the real binary: every text trimmed of Unicode
White_Space before it is checked (blank counts as missing), and the editors' spellings of
"no params" (`null` for every method, `[]` for methods that take none)."""

import datetime
import json

import pytest

import rpc
from business_support import (EMAIL, error_summary, key_request, mexico_today, service,  # noqa: F401
                              system)

# Spreadsheet cells, Windows line ends, NBSP, ideographic space, NEL and U+2028 at the ends.
PADS = [(" ", "\r\n"), ("\t", "\t"), ("\u00a0", "\u3000"), ("\n", " \u2028"), ("\u0085", "\u2029")]


def padded(text: str, pad) -> str:
    return pad[0] + text + pad[1]


@pytest.mark.parametrize("pad", PADS)
def test_text_date_serial_and_system_type_are_trimmed(service, pad):
    result = service.result("checkEligibility", {
        "purchaseDate": padded("2011-08-15", pad),          # date
        "systemType": padded("nominas", pad),              # system type
        "serialNumber": padded("aaaa-bbbb-cccc-dddd", pad),  # serial
    })
    assert (result["purchaseDate"], result["systemType"], result["serialNumber"]) == \
        ("2011-08-15", "CONTPAQ i Nóminas", "AAAA-BBBB-CCCC-DDDD")


@pytest.mark.parametrize("pad", PADS)
def test_plan_and_iva_rate_are_trimmed(service, pad):
    result = service.result("quoteSupport", {"plan": padded("annual", pad), "ivaRate": padded("0.160", pad),
                                             "date": padded("2012-01-10", pad)})
    assert (result["plan"], result["ivaRate"], result["date"], result["total"]) == \
        ("annual", "0.16", "2012-01-10", "6032.00")


@pytest.mark.parametrize("pad", PADS)
def test_text_addresses_list_items_and_date_time_are_trimmed(service, pad):
    result = service.result("requestKeys", key_request(
        [system(padded("Factura electrónica", pad), padded("AAAA-BBBB-CCCC-DDDD", pad), padded("2011-08-15", pad))],
        company=padded("Empresa de muestra", pad), contactName=padded("Raul Gonzalez", pad),
        contactEmail=padded(EMAIL, pad), **{"from": padded("ventas@empresamuestra.com.mx", pad)},
        cc=[padded("a@empresamuestra.com.mx", pad)], bcc=[padded("b@empresamuestra.com.mx", pad)],
        sentAt=padded("2012-01-10T16:30:00-06:00", pad)))
    assert result["from"] == "ventas@empresamuestra.com.mx"
    assert (result["cc"], result["bcc"]) == (["a@empresamuestra.com.mx"], ["b@empresamuestra.com.mx"])
    assert result["systems"] == [{"systemType": "CONTPAQ i Factura electrónica",
                                  "serialNumber": "AAAA-BBBB-CCCC-DDDD", "purchaseDate": "2011-08-15"}]
    head = result["message"].split("\r\n\r\n", 1)[0]
    assert "Date: Tue, 10 Jan 2012 16:30:00 -0600" in head
    assert "From: Raul Gonzalez <ventas@empresamuestra.com.mx>" in head
    assert "Nombre de la empresa: Empresa de muestra\n" in result["body"]
    # No trimmed character reaches the headers: every header line is printable ASCII.
    assert all(all(0x20 <= ord(c) < 0x7f or c == "\t" for c in line) for line in head.split("\r\n")), head


def test_a_spreadsheet_cell_copy_just_works(service):
    result = service.result("checkEligibility", {"purchaseDate": "2011-08-15",
                                                 "serialNumber": " AAAA-BBBB-CCCC-DDDD\r\n",
                                                 "systemType": "nominas\t"})
    assert (result["serialNumber"], result["systemType"]) == ("AAAA-BBBB-CCCC-DDDD", "CONTPAQ i Nóminas")


@pytest.mark.parametrize("method, params, path", [
    ("checkEligibility", {"purchaseDate": ""}, "/purchaseDate"),
    ("checkEligibility", {"purchaseDate": " \t\r\n"}, "/purchaseDate"),
    ("quoteSupport", {"plan": "\u3000"}, "/plan"),
    ("requestKeys", key_request(company="\r\n"), "/company"),
    ("requestKeys", key_request(contactEmail=" "), "/contactEmail"),
    ("requestKeys", key_request([system("\t", "AAAA-BBBB-CCCC-DDDD")]), "/systems/0/systemType"),
    ("requestKeys", key_request([system("Bancos", "\n")]), "/systems/0/serialNumber"),
])
def test_blank_after_trimming_is_required_when_required(service, method, params, path):
    assert error_summary(service.error(method, params)) == [f"{path} REQUIRED"]


def test_blank_optional_fields_take_their_defaults(service):
    # "date": "  " → today; "sentAt": "\t" → now; "systemType": "\n" → absent; ivaRate → 0.16.
    quote = service.result("quoteSupport", {"plan": "quarterly", "date": "  ", "ivaRate": "\r\n"})
    assert quote["date"] in {mexico_today().isoformat(), (mexico_today() - datetime.timedelta(days=1)).isoformat()}
    assert quote["ivaRate"] == "0.16"
    result = service.result("checkEligibility", {"purchaseDate": "2011-08-15", "systemType": "\n",
                                                 "serialNumber": " "})
    assert "systemType" not in result and "serialNumber" not in result
    keys = service.result("requestKeys", key_request(sentAt="\t", **{"from": " "}))
    assert keys["from"] == EMAIL
    assert "\r\nDate: " in keys["message"]


@pytest.mark.parametrize("method, params, path, code", [
    ("checkEligibility", {"purchaseDate": "2011-08\n-15"}, "/purchaseDate", "INVALID_TEXT"),
    ("checkEligibility", {"purchaseDate": "2011-08-15", "serialNumber": "AAAA-BBBB\r\n-CCCC-DDDD"},
     "/serialNumber", "INVALID_TEXT"),
    ("requestKeys", key_request(contactName="Raul\r\nBcc: x@evil.com"), "/contactName", "INVALID_TEXT"),
    ("requestKeys", key_request(contactEmail="a@b.mx\r\nBcc: x@evil.com"), "/contactEmail", "INVALID_EMAIL"),
    ("requestKeys", key_request(cc=[" a@b.mx\u2028c@d.mx "]), "/cc/0", "INVALID_EMAIL"),
])
def test_control_characters_inside_stay_refused(service, method, params, path, code):
    response = service.error(method, params)
    assert error_summary(response) == [f"{path} {code}"]
    assert "evil" not in json.dumps(response)


METHODS_WITH_NO_PARAMS = ["getCatalog", "rpc.discover"]
METHODS_WITH_PARAMS = {"checkEligibility": "/purchaseDate", "quoteSupport": "/plan", "requestKeys": "/company"}


def ask(exchange, params):
    """One request per method with the given `params` member; the answers by id."""
    methods = METHODS_WITH_NO_PARAMS + list(METHODS_WITH_PARAMS)
    text = b"".join(rpc.line({"jsonrpc": "2.0", "id": i, "method": m, "params": params})
                    for i, m in enumerate(methods))
    answers = {a["id"]: a for a in rpc.parse_lines(exchange(text))}
    assert sorted(answers) == list(range(len(methods)))
    return {m: answers[i] for i, m in enumerate(methods)}


def test_null_params_mean_params_left_out(exchange):
    answers = ask(exchange, None)
    for method in METHODS_WITH_NO_PARAMS:
        assert "result" in answers[method], answers[method]
    for method, first_required in METHODS_WITH_PARAMS.items():
        errors = answers[method]["error"]["data"]["errors"]
        assert answers[method]["error"]["code"] == -32602
        assert errors[0] == {"path": first_required, "code": "REQUIRED", "message": errors[0]["message"]}


def test_an_empty_array_is_no_params_only_where_none_are_taken(exchange):
    answers = ask(exchange, [])
    for method in METHODS_WITH_NO_PARAMS:
        assert "result" in answers[method], answers[method]
    for method in METHODS_WITH_PARAMS:
        assert answers[method]["error"]["code"] == -32602
        assert [(e["path"], e["code"]) for e in answers[method]["error"]["data"]["errors"]] == [("", "INVALID_TYPE")]


@pytest.mark.parametrize("params", [[1], [{}], [None]])
def test_a_non_empty_array_is_invalid_type_for_every_method(exchange, params):
    for method, answer in ask(exchange, params).items():
        assert answer["error"]["code"] == -32602, method
        assert [(e["path"], e["code"]) for e in answer["error"]["data"]["errors"]] == [("", "INVALID_TYPE")]


def test_null_params_in_a_notification_are_executed_silently(exchange):
    text = rpc.line({"jsonrpc": "2.0", "method": "getCatalog", "params": None}) + \
        rpc.line({"jsonrpc": "2.0", "id": 1, "method": "getCatalog", "params": None})
    answers = rpc.parse_lines(exchange(text))
    assert [a["id"] for a in answers] == [1] and "result" in answers[0]
