"""Typed methods against the real server, over both transports (the ``client`` fixture)."""

import email
import email.policy
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from contpaqi_upgrade import Catalog, Eligibility, KeySystem, Quote

CST = timezone(timedelta(hours=-6))


def test_eligible_purchase_converts_dates_and_names(client):
    result = client.check_eligibility(date(2011, 8, 15), "nominas", "aaaa-bbbb-cccc-ffff")
    assert isinstance(result, Eligibility)
    assert result.eligible is True
    assert result.purchase_date == date(2011, 8, 15)
    assert result.cutoff_date == date(2011, 7, 1)
    assert result.target_version == "2012"
    assert result.system_type == "CONTPAQ i Nóminas"
    assert result.serial_number == "AAAA-BBBB-CCCC-FFFF"
    assert result.key_request is not None and result.key_request.to == "claves@contpaqi.com"
    assert result.installation.phone == "5141-5110"
    assert [o.option for o in result.installation.options] == ["renewPolicy", "perEvent"]
    assert result.installation.options[0].plans == ["quarterly", "semiannual", "annual"]
    assert result.raw["purchaseDate"] == "2011-08-15"


def test_cutoff_day_is_eligible_and_the_day_before_is_not(client):
    assert client.check_eligibility("2011-07-01").eligible is True
    before = client.check_eligibility("2011-06-30")
    assert before.eligible is False
    assert before.key_request is None
    assert before.system_type is None and before.serial_number is None


def test_active_policy_includes_installation(client):
    result = client.check_eligibility("2011-09-01", has_active_support_policy=True)
    assert result.installation.included_in_policy is True
    assert result.installation.options == []


def test_january_annual_quote_is_decimal_and_discounted(client):
    quote = client.quote_support("annual", systems=2, date=date(2012, 1, 10))
    assert isinstance(quote, Quote)
    assert quote.plan_label == "Póliza de soporte remoto anual"
    assert quote.unit_price == Decimal("6500.00")
    assert quote.list_subtotal == Decimal("13000.00")
    assert quote.discount is not None
    assert quote.discount.percent == Decimal("20") and quote.discount.amount == Decimal("2600.00")
    assert (quote.subtotal, quote.iva, quote.total) == (Decimal("10400.00"), Decimal("1664.00"), Decimal("12064.00"))
    assert isinstance(quote.total, Decimal) and quote.raw["total"] == "12064.00"
    assert quote.date == date(2012, 1, 10)
    assert quote.multi_system_promotion is True
    assert any("promoción" in note for note in quote.notes)


def test_quarterly_has_no_january_discount(client):
    quote = client.quote_support("quarterly", date="2012-01-10")
    assert quote.discount is None
    assert quote.total == Decimal("2900.00")
    assert quote.multi_system_promotion is False and quote.notes == []


def test_per_event_bands_and_custom_quote(client):
    assert client.quote_support("perEvent", users=2, date="2012-03-01").unit_price == Decimal("800.00")
    assert client.quote_support("perEvent", users=20, date="2012-03-01").unit_price == Decimal("2200.00")
    custom = client.quote_support("perEvent", users=21, date="2012-03-01")
    assert custom.custom_quote_required is True
    assert (custom.unit_price, custom.subtotal, custom.iva, custom.total, custom.discount) == (None,) * 5
    assert any("proyecto" in note for note in custom.notes)


def test_iva_rate_accepts_decimal_and_float(client):
    assert client.quote_support("quarterly", iva_rate=Decimal("0.160"), date="2012-05-01").raw["ivaRate"] == "0.16"
    zero = client.quote_support("quarterly", iva_rate=0, date="2012-05-01")
    assert zero.iva == Decimal("0.00") and zero.total == Decimal("2500.00")
    assert client.quote_support("quarterly", iva_rate=0.08, date="2012-05-01").iva == Decimal("200.00")


def test_one_system_key_request_is_plain_text(client):
    request = client.request_keys(
        "Comercial del Norte", "Ana López", "ana@example.com",
        [KeySystem("factura electronica", "aaaa-bbbb-cccc-dddd", date(2011, 8, 1))],
        sent_at=datetime(2012, 1, 10, 9, 5, tzinfo=CST),
    )
    assert request.attachment is None
    assert request.to == ["claves@contpaqi.com"] and request.from_ == "ana@example.com"
    assert request.systems == [KeySystem("CONTPAQ i Factura electrónica", "AAAA-BBBB-CCCC-DDDD", date(2011, 8, 1))]
    assert "\r\n" in request.message and "\n" not in request.message.replace("\r\n", "")
    parsed = email.message_from_bytes(request.message_bytes, policy=email.policy.default)
    assert parsed["Subject"] == "Solicitud de claves para actualización sin costo"
    assert parsed["Date"].datetime == datetime(2012, 1, 10, 9, 5, tzinfo=CST)
    assert parsed["From"].addresses[0].display_name == "Ana López"
    body = parsed.get_content()
    assert body.startswith("Buenos días")
    assert "Número de serie: AAAA-BBBB-CCCC-DDDD" in body
    assert body.replace("\r\n", "\n").rstrip("\n") == request.body.rstrip("\n")


def test_key_request_systems_as_dicts_and_tuples_and_cc(client):
    request = client.request_keys(
        "ACME", "Luis", "luis@example.com",
        [{"system_type": "bancos", "serial_number": "a1b2-c3d4-e5f6-a7b8"},
         ("contabilidad", "b1b2-c3d4-e5f6-a7b8")],
        cc="jefe@example.com", bcc=["archivo@example.com"], sent_at="2012-01-10T16:30:00-06:00",
    )
    assert [s.system_type for s in request.systems] == ["CONTPAQ i Bancos", "CONTPAQ i Contabilidad"]
    assert request.cc == ["jefe@example.com"] and request.bcc == ["archivo@example.com"]
    assert request.body.startswith("Buenas tardes")
    parsed = email.message_from_string(request.message, policy=email.policy.default)
    assert parsed["Cc"] == "jefe@example.com"
    assert parsed["Bcc"] is None, "Bcc never appears in the headers"


def test_catalog(client):
    catalog = client.get_catalog()
    assert isinstance(catalog, Catalog)
    assert catalog.cutoff_date == date(2011, 7, 1)
    assert catalog.system_types == ["CONTPAQ i Factura electrónica", "CONTPAQ i Contabilidad",
                                    "CONTPAQ i Nóminas", "CONTPAQ i Bancos"]
    assert [(p.plan, p.price) for p in catalog.support_policies] == [
        ("quarterly", Decimal("2500.00")), ("semiannual", Decimal("4000.00")), ("annual", Decimal("6500.00"))]
    assert catalog.per_event[-1].max_users is None and catalog.per_event[-1].price is None
    assert catalog.per_event[0].price == Decimal("800.00")
    assert catalog.promotions[0].percent == Decimal("20") and catalog.promotions[0].months == [1]
    assert catalog.iva_rate == Decimal("0.16") and catalog.installation_phone == "5141-5110"
    assert catalog.key_request["attachmentFilename"] == "Relacion de sistemas sin costo.xlsx"


def test_discover_returns_the_openrpc_document(client):
    document = client.discover()
    assert document["openrpc"].startswith("1.3")
    names = {m["name"] for m in document["methods"]}
    assert {"checkEligibility", "quoteSupport", "requestKeys", "getCatalog", "rpc.discover"} <= names


def test_generic_call_returns_plain_json(client):
    result = client.call("quoteSupport", {"plan": "semiannual", "date": "2012-01-31"})
    assert result["total"] == "3712.00"  # 4000 - 20% = 3200, + 16% IVA
    assert client.call("getCatalog")["currency"] == "MXN"


def test_thousand_systems_answer_spans_many_reads(client):
    # A large answer (the workbook of 1000 rows, base64) must come through whole on both
    # transports, however the bytes are split.
    systems = [("bancos", f"A{i:03d}-BBBB-CCCC-DDDD") for i in range(1000)]
    request = client.request_keys("ACME", "Ana", "ana@example.com", systems, sent_at="2012-01-10T10:00:00-06:00")
    assert len(request.systems) == 1000 and request.systems[-1].serial_number == "A999-BBBB-CCCC-DDDD"
    assert request.attachment is not None and len(request.attachment.content) == request.attachment.size
    assert len(request.message) > 1 << 16


def test_notification_gets_no_answer_and_keeps_the_stream_in_step(client):
    client.notify("checkEligibility", {"purchaseDate": "2011-08-15"})
    client.notify("noSuchMethod")  # not even an error comes back for a notification
    assert client.get_catalog().target_version == "2012"
