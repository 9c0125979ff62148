"""quoteSupport against the real binary: the source's price table, January, IVA, sums."""

from decimal import Decimal

import pytest

from business_support import error_summary, service  # noqa: F401

MONEY = ("unitPrice", "listSubtotal", "subtotal", "iva", "total")


def assert_sums_add_up(quote):
    values = {k: Decimal(quote[k]) for k in MONEY}
    assert all(quote[k].count(".") == 1 and len(quote[k].split(".")[1]) == 2 for k in MONEY)
    discount = Decimal(quote["discount"]["amount"]) if quote["discount"] else Decimal(0)
    assert values["unitPrice"] * quote["systems"] == values["listSubtotal"]
    assert values["listSubtotal"] - discount == values["subtotal"]
    assert values["subtotal"] + values["iva"] == values["total"]
    assert values["iva"] == (values["subtotal"] * Decimal(quote["ivaRate"])).quantize(Decimal("0.01"))


@pytest.mark.parametrize("plan, price", [("quarterly", "2500.00"), ("semiannual", "4000.00"), ("annual", "6500.00")])
def test_policy_prices(service, plan, price):
    quote = service.result("quoteSupport", {"plan": plan, "date": "2012-03-01"})
    assert quote["unitPrice"] == price and quote["discount"] is None and quote["currency"] == "MXN"
    assert_sums_add_up(quote)


@pytest.mark.parametrize("users, price", [(1, "800.00"), (2, "800.00"), (3, "1200.00"), (5, "1200.00"),
                                          (6, "1900.00"), (10, "1900.00"), (11, "2200.00"), (20, "2200.00")])
def test_per_event_tier_boundaries(service, users, price):
    quote = service.result("quoteSupport", {"plan": "perEvent", "users": users, "date": "2012-01-20"})
    assert quote["unitPrice"] == price
    assert quote["customQuoteRequired"] is False and quote["discount"] is None
    assert_sums_add_up(quote)


def test_more_than_twenty_users_is_a_custom_quote(service):
    quote = service.result("quoteSupport", {"plan": "perEvent", "users": 21, "systems": 2})
    assert quote["customQuoteRequired"] is True
    assert [quote[k] for k in MONEY] == [None] * 5 and quote["discount"] is None
    assert any("Se cotizará por proyecto" in note for note in quote["notes"])
    assert quote["multiSystemPromotion"] is True


@pytest.mark.parametrize("date, plan, discounted", [
    ("2012-01-01", "annual", True), ("2012-01-31", "semiannual", True), ("2012-02-01", "annual", False),
    ("2012-12-31", "semiannual", False), ("2013-01-15", "quarterly", False), ("2013-01-15", "perEvent", False)])
def test_january_promotion(service, date, plan, discounted):
    quote = service.result("quoteSupport", {"plan": plan, "users": 3, "date": date})
    if discounted:
        assert quote["discount"]["percent"] == "20"
        assert Decimal(quote["discount"]["amount"]) == Decimal(quote["listSubtotal"]) / 5
    else:
        assert quote["discount"] is None
    assert_sums_add_up(quote)


@pytest.mark.parametrize("given, echoed", [("0.08", "0.08"), ("0.160", "0.16"), ("0", "0"), ("1.0000", "1"),
                                           ("0.0825", "0.0825")])
def test_iva_rate(service, given, echoed):
    quote = service.result("quoteSupport", {"plan": "annual", "systems": 3, "date": "2012-01-10", "ivaRate": given})
    assert quote["ivaRate"] == echoed
    assert_sums_add_up(quote)


def test_the_readme_example(service):
    quote = service.result("quoteSupport", {"plan": "annual", "systems": 2, "date": "2012-01-10"})
    assert (quote["listSubtotal"], quote["discount"]["amount"], quote["subtotal"], quote["iva"], quote["total"]) \
        == ("13000.00", "2600.00", "10400.00", "1664.00", "12064.00")
    assert quote["notes"] == ["Si tiene más de 1 sistema pregunte por los precios de promoción."]


@pytest.mark.parametrize("plan", ["quarterly", "semiannual", "annual", "perEvent"])
@pytest.mark.parametrize("systems", [1, 2, 999, 1000])
def test_sums_add_up_for_many_systems(service, plan, systems):
    for date in ("2012-01-31", "2012-07-31"):
        assert_sums_add_up(service.result("quoteSupport", {"plan": plan, "users": 15, "systems": systems,
                                                           "date": date, "ivaRate": "0.1234"}))


@pytest.mark.parametrize("params, expected", [
    ({"plan": "perEvent"}, ["/users REQUIRED"]), ({"plan": "monthly"}, ["/plan INVALID_VALUE"]),
    ({"plan": "annual", "ivaRate": 0.16}, ["/ivaRate INVALID_TYPE"]), ({"plan": "annual", "ivaRate": "1.01"}, ["/ivaRate OUT_OF_RANGE"]),
    ({"plan": "annual", "systems": 0}, ["/systems OUT_OF_RANGE"]), ({"plan": "annual", "systems": 2.0}, ["/systems INVALID_TYPE"]),
])
def test_invalid_params(service, params, expected):
    assert error_summary(service.error("quoteSupport", params)) == expected
