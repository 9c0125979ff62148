"""checkEligibility against the real binary (API.md §3; issue 3)."""

import datetime

import pytest

from business_support import CATALOG, error_summary, mexico_today, service  # noqa: F401


@pytest.mark.parametrize("date, eligible", [("2011-06-30", False), ("2011-07-01", True), ("2011-08-15", True),
                                            ("2001-01-01", False)])
def test_cutoff_is_july_first_inclusive(service, date, eligible):
    result = service.result("checkEligibility", {"purchaseDate": date})
    assert result["eligible"] is eligible
    assert (result["cutoffDate"], result["targetVersion"], result["purchaseDate"]) == ("2011-07-01", "2012", date)
    assert ("keyRequest" in result) is eligible
    assert "1 de julio de 2011" in result["reason"]


@pytest.mark.parametrize("literal, code", [("2011-02-30", "INVALID_DATE"), ("2011-13-01", "INVALID_DATE"),
                                           ("15/08/2011", "INVALID_DATE"), ("2011-8-15", "INVALID_DATE"),
                                           ("", "REQUIRED"), ("  ", "REQUIRED"), (None, "REQUIRED"),
                                           (20110815, "INVALID_TYPE")])
def test_dates_are_strict(service, literal, code):
    # Blank after trimming, like null, counts as missing (API.md §2).
    response = service.error("checkEligibility", {"purchaseDate": literal})
    assert response["error"]["code"] == -32602
    assert error_summary(response) == [f"/purchaseDate {code}"]


def test_a_purchase_after_today_in_mexico_city_is_out_of_range(service):
    today = mexico_today()
    tomorrow = today + datetime.timedelta(days=1)
    assert error_summary(service.error("checkEligibility", {"purchaseDate": tomorrow.isoformat()})) \
        == ["/purchaseDate OUT_OF_RANGE"]
    assert service.result("checkEligibility", {"purchaseDate": today.isoformat()})["eligible"] is True


@pytest.mark.parametrize("typed, canonical", [
    ("CONTPAQ i – Factura electrónica", "CONTPAQ i Factura electrónica"),  # the source's own spelling
    ("factura electronica", "CONTPAQ i Factura electrónica"),
    ("CONTPAQ i - FACTURA ELECTRÓNICA", "CONTPAQ i Factura electrónica"),
    ("contpaqi contabilidad", "CONTPAQ i Contabilidad"), ("Contabilidad", "CONTPAQ i Contabilidad"),
    ("nominas", "CONTPAQ i Nóminas"), ("CONTPAQ i Nóminas", "CONTPAQ i Nóminas"),
    ("No\u0301minas", "CONTPAQ i Nóminas"), ("CONTPAQi—Bancos", "CONTPAQ i Bancos"), (" bancos ", "CONTPAQ i Bancos"),
])
def test_system_types_are_normalised(service, typed, canonical):
    result = service.result("checkEligibility", {"purchaseDate": "2011-08-15", "systemType": typed})
    assert result["systemType"] == canonical


@pytest.mark.parametrize("typed", ["Factura", "CONTPAQ i", "AdminPAQ", "Nóminas 2012", "Nomina"])
def test_unknown_system_type_lists_the_catalog(service, typed):
    response = service.error("checkEligibility", {"purchaseDate": "2011-08-15", "systemType": typed})
    assert error_summary(response) == ["/systemType UNKNOWN_SYSTEM_TYPE"]
    message = response["error"]["data"]["errors"][0]["message"]
    assert all(name in message for name in CATALOG)


@pytest.mark.parametrize("serial, code", [("aaaa-bbbb-cccc-ffff", None), ("Aaaa-Bbbb-Cccc-Dddd", None),
                                          ("AAAA-BBBB-CCCC", "INVALID_SERIAL"), ("AAAABBBBCCCCDDDD", "INVALID_SERIAL"),
                                          ("AAAA-BBBB-CCCC-DDDÑ", "INVALID_SERIAL"), ("AAAA-BBBB-CCCC-DDDDD", "INVALID_SERIAL")])
def test_serial_pattern_and_upper_casing(service, serial, code):
    params = {"purchaseDate": "2011-08-15", "serialNumber": serial}
    if code is None:
        assert service.result("checkEligibility", params)["serialNumber"] == serial.upper()
    else:
        assert error_summary(service.error("checkEligibility", params)) == [f"/serialNumber {code}"]


def test_installation_with_a_current_policy(service):
    installation = service.result("checkEligibility", {"purchaseDate": "2011-08-15",
                                                       "hasActiveSupportPolicy": True})["installation"]
    assert installation == {"includedInPolicy": True, "phone": "5141-5110", "options": []}


def test_installation_without_a_policy_offers_renewal_or_per_event(service):
    installation = service.result("checkEligibility", {"purchaseDate": "2011-06-30"})["installation"]
    assert installation["includedInPolicy"] is False
    assert installation["phone"] == "5141-5110"
    options = installation["options"]
    assert [o["option"] for o in options] == ["renewPolicy", "perEvent"]
    assert [o["plans"] for o in options] == [["quarterly", "semiannual", "annual"], ["perEvent"]]
    assert {o["quoteMethod"] for o in options} == {"quoteSupport"}
