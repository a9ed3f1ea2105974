"""The report's compiled number patterns write exactly what Babel writes, for any plain decimal,
in the report's languages and in locales with other symbols, groupings and sign placements."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent
from hypothesis import given, settings
from hypothesis import strategies as st

from infrastructure.reports.labels import LOCALES, Words
from infrastructure.reports.numbers import PLAIN, money_format, number_format, percent_format

OTHER_LOCALES = ("de_CH", "fr_FR", "hi_IN", "ar_EG", "fa_IR", "nb_NO", "fi_FI", "is_IS", "ja_JP", "en_US", "he_IL",
                 "nl_NL", "pt_BR", "de_AT")
PLACES = (*LOCALES.values(), *OTHER_LOCALES)
CURRENCIES = ("SEK", "DKK", "EUR", "NOK", "ISK", "JPY", "KWD", "USD", "CHF", "GBP", "XYZ")

plain = st.from_regex(PLAIN, fullmatch=True)
places = st.sampled_from(PLACES).map(Locale.parse)


@settings(max_examples=400, deadline=None)
@given(text=plain, locale=places, currency=st.sampled_from(CURRENCIES))
def test_an_amount_reads_as_babels_format_currency(text, locale, currency):
    assert money_format(locale, currency)(text) == format_currency(Decimal(text), currency, locale=locale)


@settings(max_examples=300, deadline=None)
@given(text=plain, locale=places)
def test_a_number_reads_as_babels_format_decimal(text, locale):
    assert number_format(locale)(text) == format_decimal(Decimal(text), locale=locale)


@settings(max_examples=300, deadline=None)
@given(text=plain, locale=places, pattern=st.sampled_from(["#,##0.0%", "#,##0.0\xa0%", "#,##0 %", "0.00%"]))
def test_a_share_reads_as_babels_format_percent(text, locale, pattern):
    assert percent_format(pattern, locale)(text) == format_percent(Decimal(text), pattern, locale=locale)


@settings(max_examples=200, deadline=None)
@given(value=st.decimals(allow_nan=True, allow_infinity=True, places=None), lang=st.sampled_from(list(LOCALES)))
def test_a_decimal_of_any_shape_reads_as_babel_writes_it(value, lang):
    words, locale = Words(lang, "SEK"), Locale.parse(LOCALES[lang])
    assert _outcome(words.amounts, value) == _outcome(lambda v: format_currency(v, "SEK", locale=locale), value)
    assert _outcome(words.numbers, value) == _outcome(lambda v: format_decimal(v, locale=locale), value)


@pytest.mark.parametrize("text", ["0.125", "0.135", "-0.005", "2.675"])
def test_a_changed_rounding_context_is_left_to_babel(text):
    locale = Locale.parse("sv_SE")
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        assert money_format(locale, "SEK")(text) == format_currency(Decimal(text), "SEK", locale=locale)


@pytest.mark.parametrize("lang", list(LOCALES))
def test_the_reports_own_languages_take_the_compiled_path(lang):
    words = Words(lang, "SEK")
    assert words.amounts.compiled and words.numbers.compiled and words.shares.compiled


def test_half_way_amounts_round_to_the_even_neighbour_as_babel_does():
    locale = Locale.parse("da_DK")
    assert [money_format(locale, "DKK")(t) for t in ("0.125", "0.135", "-0.005")] == \
        ["0,12\xa0kr.", "0,14\xa0kr.", "-0,00\xa0kr."]
    assert percent_format("#,##0.0\xa0%", locale)("0.4325") == "43,2\xa0%"


def _outcome(write, value):
    """What writing `value` gives: its text, or the kind of error (Babel refuses a signalling NaN)."""
    try:
        return write(value)
    except ArithmeticError as e:
        return type(e)
