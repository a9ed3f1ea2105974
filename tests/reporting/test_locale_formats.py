"""What Babel actually produces for the report's three languages (checked, not assumed)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.errors import InvalidInput
from infrastructure.reports.labels import Words


def test_danish_kroner_read_1_234_50_kr_with_a_no_break_space():
    assert Words("da", "DKK").money(Decimal("1234.50")) == "1.234,50\xa0kr."


def test_swedish_kronor_read_1_234_50_kr_with_no_break_spaces():
    assert Words("sv", "SEK").money(Decimal("1234.50")) == "1\xa0234,50\xa0kr"


def test_english_uses_the_currency_code_and_a_comma_for_thousands():
    assert Words("en", "SEK").money("1234.50") == "SEK1,234.50"


@pytest.mark.parametrize(("lang", "shown"), [("da", "31. januar 2027"), ("sv", "31 januari 2027"),
                                             ("en", "31 January 2027")])
def test_dates_are_written_out_in_the_language(lang, shown):
    assert Words(lang, "SEK").date(date(2027, 1, 31)) == shown


@pytest.mark.parametrize(("lang", "shown"), [("da", "43,2\xa0%"), ("sv", "43,2\xa0%"), ("en", "43.2%")])
def test_shares_are_percentages_with_one_decimal(lang, shown):
    assert Words(lang, "SEK").share("0.4321") == shown


def test_an_unknown_language_is_invalid_input_naming_it():
    with pytest.raises(InvalidInput, match="lang: 'fi' is not one of da, sv, en"):
        Words("fi", "SEK")
