"""requestKeys validation against the real binary: every error, with its JSON Pointer, and
header-injection attempts in every text field and address."""

import datetime

import pytest

from business_support import error_summary, key_request, mexico_today, service, system  # noqa: F401

EVIL = ["\r", "\n", "\r\n", "\r\nBcc: x@evil.com", "\nBcc: x@evil.com", "\u2028Bcc: x@evil.com", "\x00",
        "\r\n\r\nBcc: x@evil.com", "\u0085Bcc: x@evil.com"]

#: Where each attempt goes (between words: white space at the ends is trimmed, API.md §2),
#: and the code the contract gives that field.
INJECTION_TARGETS = {
    "company": ("/company", "INVALID_TEXT", lambda s: key_request(company="Empresa" + s + " S.A.")),
    "contactName": ("/contactName", "INVALID_TEXT", lambda s: key_request(contactName="Raul" + s + " Gonzalez")),
    "contactEmail": ("/contactEmail", "INVALID_EMAIL", lambda s: key_request(contactEmail="r" + s + "@empresa.mx")),
    "from": ("/from", "INVALID_EMAIL", lambda s: key_request(**{"from": "r@empresa" + s + ".mx"})),
    "cc": ("/cc/1", "INVALID_EMAIL", lambda s: key_request(cc=["a@b.mx", "c" + s + "@d.mx"])),
    "bcc": ("/bcc/0", "INVALID_EMAIL", lambda s: key_request(bcc=["c@d" + s + ".mx"])),
    "systemType": ("/systems/0/systemType", "INVALID_TEXT",
                   lambda s: key_request([system("Nó" + s + "minas", "AAAA-BBBB-CCCC-DDDD")])),
    "serialNumber": ("/systems/0/serialNumber", "INVALID_TEXT",
                     lambda s: key_request([system("Nóminas", "AAAA-BBBB" + s + "-CCCC-DDDD")])),
}


@pytest.mark.parametrize("field", INJECTION_TARGETS)
@pytest.mark.parametrize("payload", EVIL, ids=[repr(p) for p in EVIL])
def test_header_injection_is_refused(service, field, payload):
    path, code, params = INJECTION_TARGETS[field]
    response = service.error("requestKeys", params(payload))
    assert response["error"]["code"] == -32602
    assert error_summary(response) == [f"{path} {code}"]
    assert "evil.com" not in str(response)


def test_every_attempt_at_once_is_reported(service):
    evil = "\r\nBcc: x@evil.com"
    params = key_request([system("Bancos" + evil, "AAAA-BBBB-CCCC-DDDD" + evil)], company="E" + evil,
                         contactName="C" + evil, contactEmail="a@b.mx" + evil, cc=["c@b.mx" + evil],
                         bcc=["d@b.mx" + evil], **{"from": "f@b.mx" + evil})
    assert error_summary(service.error("requestKeys", params)) == [
        "/company INVALID_TEXT", "/contactName INVALID_TEXT", "/contactEmail INVALID_EMAIL",
        "/systems/0/systemType INVALID_TEXT", "/systems/0/serialNumber INVALID_TEXT",
        "/from INVALID_EMAIL", "/cc/0 INVALID_EMAIL", "/bcc/0 INVALID_EMAIL"]


def test_required_fields_all_at_once(service):
    assert error_summary(service.error("requestKeys", {})) == [
        "/company REQUIRED", "/contactName REQUIRED", "/contactEmail REQUIRED", "/systems REQUIRED"]
    assert error_summary(service.error("requestKeys", key_request([{}]))) == [
        "/systems/0/systemType REQUIRED", "/systems/0/serialNumber REQUIRED"]


@pytest.mark.parametrize("field", ["company", "contactName"])
def test_two_hundred_unicode_scalars(service, field):
    for ok in ["a" * 200, "ñ" * 200, "😀" * 200, "e\u0301" * 100]:
        service.result("requestKeys", key_request(**{field: ok}))
    for long in ["a" * 201, "ñ" * 201, "😀" * 201, "e\u0301" * 100 + "x"]:
        assert error_summary(service.error("requestKeys", key_request(**{field: long}))) == [f"/{field} TOO_LONG"]


@pytest.mark.parametrize("address", ["rgonzalez", "r@empresa", "Raul <r@empresa.mx>", "r@empresa..mx", "ñ@empresa.mx"])
def test_invalid_email(service, address):
    assert error_summary(service.error("requestKeys", key_request(contactEmail=address))) == ["/contactEmail INVALID_EMAIL"]


def test_unknown_system_type_and_bad_serial(service):
    params = key_request([system("AdminPAQ", "AAAA-BBBB-CCCC-0001"), system("bancos", "AAAA-BBBB-CCCC")])
    assert error_summary(service.error("requestKeys", params)) == [
        "/systems/0/systemType UNKNOWN_SYSTEM_TYPE", "/systems/1/serialNumber INVALID_SERIAL"]


def test_duplicate_serial_case_insensitive_on_the_repeat(service):
    params = key_request([system("bancos", "aaaa-bbbb-cccc-dddd"), system("nominas", "AAAA-BBBB-CCCC-EEEE"),
                          system("contabilidad", "AAAA-BBBB-CCCC-DDDD")])
    assert error_summary(service.error("requestKeys", params)) == ["/systems/2/serialNumber DUPLICATE_SERIAL"]


def test_number_of_systems_and_copies(service):
    assert error_summary(service.error("requestKeys", key_request([]))) == ["/systems OUT_OF_RANGE"]
    many = [system("nominas", f"AAAA-BBBB-CCCC-{i:04d}") for i in range(1001)]
    assert error_summary(service.error("requestKeys", key_request(many))) == ["/systems TOO_LONG"]
    assert len(service.result("requestKeys", key_request(many[:1000]))["systems"]) == 1000
    cc = [f"c{i}@b.mx" for i in range(21)]
    assert error_summary(service.error("requestKeys", key_request(cc=cc))) == ["/cc TOO_LONG"]
    assert error_summary(service.error("requestKeys", key_request(bcc=cc))) == ["/bcc TOO_LONG"]
    service.result("requestKeys", key_request(cc=cc[:20], bcc=cc[:20]))


def test_pre_cutoff_systems_are_not_eligible(service):
    params = key_request([system("bancos", "AAAA-BBBB-CCCC-0001", "2011-06-30"),
                          system("nominas", "AAAA-BBBB-CCCC-0002", "2011-07-01"),
                          system("contabilidad", "AAAA-BBBB-CCCC-0003", "2010-05-05")])
    response = service.error("requestKeys", params)
    assert (response["error"]["code"], response["error"]["message"]) == (-32001, "Not eligible")
    assert error_summary(response) == ["/systems/0/purchaseDate NOT_ELIGIBLE", "/systems/2/purchaseDate NOT_ELIGIBLE"]


def test_invalid_and_pre_cutoff_is_invalid_params_only(service):
    params = key_request([system("bancos", "AAAA-BBBB-CCCC-0001", "2011-06-30")], company="")
    response = service.error("requestKeys", params)
    assert response["error"]["code"] == -32602
    assert error_summary(response) == ["/company REQUIRED"]


def test_future_purchase_date_is_out_of_range(service):
    tomorrow = (mexico_today() + datetime.timedelta(days=1)).isoformat()
    params = key_request([system("bancos", "AAAA-BBBB-CCCC-0001", tomorrow)])
    assert error_summary(service.error("requestKeys", params)) == ["/systems/0/purchaseDate OUT_OF_RANGE"]


@pytest.mark.parametrize("sent_at", ["2012-01-10T16:30:00", "2012-01-10 16:30:00-06:00", "10/01/2012 16:30"])
def test_sent_at_needs_an_offset(service, sent_at):
    assert error_summary(service.error("requestKeys", key_request(sentAt=sent_at))) == ["/sentAt INVALID_DATETIME"]
