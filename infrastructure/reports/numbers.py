"""Babel's number patterns, compiled once per locale and currency. Babel's format_currency takes
about 30 µs a call — it looks the locale's symbols up and rebuilds the text for every number — and
a report of 10,000 projects writes some 100,000 amounts, nearly all different. A compiled pattern
writes a plain decimal (`-1234.50`, what the report data holds) with the same rules in about 2 µs:
the sign's prefix and suffix, the currency's digits, half-even rounding, the grouping, and the
locale's symbols. Anything else (an exponent, a pattern Babel treats specially, a changed decimal
context) goes to Babel itself, so the text is always Babel's (a property test checks it)."""
from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Decimal, getcontext

from babel import Locale
from babel.numbers import (
    NumberPattern,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_precision,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    parse_pattern,
)

PLAIN = re.compile(r"(-?)([0-9]{1,15})(?:\.([0-9]{0,12}))?")  # within the decimal context's 28 digits
MARK = "\x00"


class CompiledPattern:
    """One Babel number pattern for one locale (and currency, for amounts)."""

    def __init__(self, pattern: NumberPattern | str, locale: Locale, babel: Callable[[Decimal], str],
                 currency: str | None = None) -> None:
        self.pattern = pattern = parse_pattern(pattern) if isinstance(pattern, str) else pattern
        self.locale, self.currency, self._babel = locale, currency, babel
        self.group, self.decimal = get_group_symbol(locale), get_decimal_symbol(locale)
        self.frac = (get_currency_precision(currency),) * 2 if currency else pattern.frac_prec
        self.int_min, self.grouping, self.scale = pattern.int_prec[0], pattern.grouping, pattern.scale
        self.affixes = [self._affix(negative) for negative in (0, 1)]
        self.thousands = self.grouping == (3, 3) and self.int_min == 1
        self.compiled = (
            not pattern.exp_prec and "@" not in pattern.pattern and pattern.number_pattern != ""
            and self.scale >= 0 and None not in self.affixes
            and not any(c in self.group + self.decimal for c in "'¤" + MARK + "0123456789")
        )

    def __call__(self, value: str | Decimal) -> str:
        text = value if isinstance(value, str) else f"{value:f}" if isinstance(value, Decimal) else None
        found = PLAIN.fullmatch(text) if text is not None and self.compiled else None
        if found is None or getcontext().rounding != ROUND_HALF_EVEN:
            return self._babel(Decimal(value))
        sign, whole, fraction = found.groups()
        fraction = fraction or ""
        if self.scale:  # a percentage: move the point right
            fraction = fraction.ljust(self.scale, "0")
            whole, fraction = whole + fraction[: self.scale], fraction[self.scale:]
        if len(fraction) > self.frac[1]:
            whole, fraction = _rounded(whole, fraction, self.frac[1])
        prefix, suffix = self.affixes[1 if sign else 0]
        if self.thousands:  # the common grouping, done by int's own formatting
            whole = f"{int(whole):,}".replace(",", self.group)
        else:
            whole = self._whole(whole)
        if len(fraction) == self.frac[0] != 0:  # already as many digits as the pattern writes
            return prefix + whole + self.decimal + fraction + suffix
        return prefix + whole + self._fraction(fraction) + suffix

    def _whole(self, digits: str) -> str:
        digits = (digits.lstrip("0") or "0").rjust(self.int_min, "0")
        size, grouped = self.grouping[0], ""
        while len(digits) > size:
            grouped = self.group + digits[-size:] + grouped
            digits = digits[:-size]
            size = self.grouping[1]
        return digits + grouped

    def _fraction(self, digits: str) -> str:
        least, most = self.frac
        digits = digits.rstrip("0").ljust(least, "0")
        return "" if most == 0 or not digits else self.decimal + digits

    def _affix(self, negative: int) -> tuple[str, str] | None:
        """The text before and after the number, as Babel writes it; None if it depends on the value."""
        text = self.pattern.prefix[negative] + MARK + self.pattern.suffix[negative]
        if "¤" in text and self.currency is not None:
            if "¤¤¤" in text:
                return None  # the currency's name, singular or plural by the value
            text = text.replace("¤¤", self.currency.upper()).replace("¤", get_currency_symbol(self.currency, self.locale))
        text = re.sub(r"'([^']*)'", lambda m: m.group(1) or "'", text)
        prefix, mark, suffix = text.partition(MARK)
        return (prefix, suffix) if mark and MARK not in suffix else None


def _rounded(whole: str, fraction: str, places: int) -> tuple[str, str]:
    """`whole.fraction` rounded half to even at `places` decimals, as digit strings."""
    kept, rest = fraction[:places].ljust(places, "0"), fraction[places:].rstrip("0")
    if not rest:
        return whole, kept
    half = "5"
    up = rest > half or (rest == half and int((whole + kept)[-1]) % 2 == 1)
    if not up:
        return whole, kept
    digits = str(int(whole + kept) + 1).rjust(len(whole) + len(kept), "0")
    return (digits[: len(digits) - places] if places else digits), (digits[len(digits) - places:] if places else "")


def money_format(locale: Locale, currency: str) -> CompiledPattern:
    """format_currency(value, currency, locale=locale), compiled."""
    return CompiledPattern(locale.currency_formats["standard"], locale,
                           lambda value: format_currency(value, currency, locale=locale), currency)


def number_format(locale: Locale) -> CompiledPattern:
    """format_decimal(value, locale=locale), compiled."""
    return CompiledPattern(locale.decimal_formats[None], locale, lambda value: format_decimal(value, locale=locale))


def percent_format(pattern: str, locale: Locale) -> CompiledPattern:
    """format_percent(value, pattern, locale=locale), compiled."""
    return CompiledPattern(pattern, locale, lambda value: format_percent(value, pattern, locale=locale))
