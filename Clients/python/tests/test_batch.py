"""``Client.batch()``: one JSON array out, results and errors back in call order."""

from decimal import Decimal

import pytest

from contpaqi_upgrade import Eligibility, InvalidParams, MethodNotFound, Quote


def test_batch_returns_results_and_errors_in_call_order(client):
    with client.batch() as batch:
        first = batch.check_eligibility("2011-08-15")
        batch.call("noSuchMethod")
        batch.quote_support("annual", systems=2, date="2012-01-10")
        batch.quote_support("weekly")
        batch.get_catalog()
    assert first == 0 and len(batch) == 5
    eligibility, missing, quote, invalid, catalog = batch.results
    assert isinstance(eligibility, Eligibility) and eligibility.eligible
    assert isinstance(missing, MethodNotFound) and missing.data == {"method": "noSuchMethod"}
    assert isinstance(quote, Quote) and quote.total == Decimal("12064.00")
    assert isinstance(invalid, InvalidParams) and invalid.errors[0].path == "/plan"
    assert catalog.currency == "MXN"


def test_send_returns_the_results_too(client):
    batch = client.batch()
    for day in ("2011-06-30", "2011-07-01"):
        batch.check_eligibility(day)
    assert [r.eligible for r in batch.send()] == [False, True]


def test_empty_batch_sends_nothing(client):
    assert client.batch().send() == []
    assert client.get_catalog().currency == "MXN"  # the connection is still in step


def test_batch_calls_take_no_timeout_of_their_own(client):
    with pytest.raises(TypeError, match="send"):
        client.batch().get_catalog(timeout=1)


def test_exception_inside_the_block_sends_nothing(client):
    with pytest.raises(RuntimeError):
        with client.batch() as batch:
            batch.get_catalog()
            raise RuntimeError("abandoned")
    assert batch.results is None
    assert client.check_eligibility("2011-08-15").eligible
