"""Money is a Decimal with a currency; a foreign amount records the rate used and its value in the
reporting currency, rounded to cents."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.money import Amount


def test_a_foreign_amount_without_a_rate_is_invalid_input_naming_the_rate():
    with pytest.raises(InvalidInput) as refused:
        Amount.of(Decimal("100"), "EUR", "SEK", field="own contribution")
    assert refused.value.field == "rate"
    assert "own contribution in EUR needs --rate to SEK" in str(refused.value)


def test_a_foreign_amount_records_the_rate_and_its_reporting_value_rounded_to_cents():
    amount = Amount.of(Decimal("123.45"), "EUR", "SEK", Decimal("11.4321"))
    assert amount.value == Decimal("123.45")
    assert amount.currency == "EUR"
    assert amount.rate == Decimal("11.4321")
    assert amount.reporting == Decimal("1411.29")  # 1411.292745
    assert amount.reporting.as_tuple().exponent == -2


def test_an_amount_in_the_reporting_currency_has_rate_one():
    amount = Amount.of(Decimal("50000"), "SEK", "SEK")
    assert amount.rate == 1
    assert amount.reporting == Decimal("50000.00")


def test_the_reporting_currency_takes_no_other_rate_than_one():
    with pytest.raises(InvalidInput) as refused:
        Amount.of(Decimal("10"), "SEK", "SEK", Decimal("1.1"))
    assert refused.value.field == "rate"
    assert Amount.of(Decimal("10"), "SEK", "SEK", Decimal("1")).rate == 1


@pytest.mark.parametrize("rate", ["0", "-11.40"])
def test_a_rate_that_is_not_positive_is_invalid(rate):
    with pytest.raises(InvalidInput, match="rate: must be positive"):
        Amount.of(Decimal("10"), "EUR", "SEK", Decimal(rate))


@settings(max_examples=100, deadline=None)
@given(
    value=st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    rate=st.decimals(
        min_value=Decimal("0.00000001"), max_value=10**4, places=8, allow_nan=False, allow_infinity=False
    ),
)
def test_the_reporting_value_is_the_value_times_the_rate_to_the_nearest_cent(value, rate):
    amount = Amount.of(value, "EUR", "SEK", rate)
    assert amount.reporting.as_tuple().exponent == -2
    assert abs(amount.reporting - value * rate) <= Decimal("0.005")
    assert amount.rate == rate
    assert amount.value == value
