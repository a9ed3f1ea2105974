"""Shapes shared by the command models: keys, currencies, amounts; and pydantic errors as ours."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    WrapValidator,
)

from application.text_forms import CONTROL, CONTROL_BUT_LINES, ISO_DATE, shortened
from domain.errors import InvalidInput

_SHOWN_TYPES = (str, int, float, Decimal)


def _one_line(text: str) -> str:
    """A name is shown in tables and on one line: no newline, tab or terminal escape."""
    if found := CONTROL.search(text):
        raise ValueError(f"control character U+{ord(found.group()):04X} is not allowed in a single-line name")
    return text


def _printable_text(text: str) -> str:
    """Free text may run over lines and hold tabs, but no other control character (escapes, NUL)."""
    if found := CONTROL_BUT_LINES.search(text):
        raise ValueError(f"control character U+{ord(found.group()):04X} is not allowed in text")
    return text


OneLine = AfterValidator(_one_line)  # for the single-line shapes of the command modules
PrintableText = AfterValidator(_printable_text)

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), OneLine]
Text = Annotated[str, StringConstraints(max_length=20_000), PrintableText]


def _no_repeats(keys: list[str]) -> list[str]:
    """A key given twice would be stored twice and counted twice (R11's ranking)."""
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"'{key}' is given more than once")
        seen.add(key)
    return keys


Keys = Annotated[list[Key], AfterValidator(_no_repeats)]  # a repeatable option of keys: each at most once


def _plain_decimal(signed: bool) -> Callable[[Any, Any], Decimal]:
    """SPEC §5: an amount is written with ASCII digits and a dot (`1234.50`): no exponent, no `_`,
    no `+`, no other script's digits. Pydantic parses first (its wording for NaN, `12,5` or a
    negative), then the written form is held to this; a Decimal or an int from code passes as is."""
    form = re.compile(r"-?[0-9]+(\.[0-9]+)?" if signed else r"[0-9]+(\.[0-9]+)?")
    minus = ", after an optional minus" if signed else ""
    wording = f"ASCII digits and an optional dot{minus}, e.g. 1234.50"

    def check(value: Any, parse: Any) -> Decimal:
        if isinstance(value, float):  # money is never a float (STYLE 10): binary fractions are not cents
            raise ValueError("a float is not a decimal; give a string or a Decimal")
        number = parse(value)
        if isinstance(value, str) and not form.fullmatch(value.strip(" ")):
            raise ValueError(f"write the number with {wording}")
        return number

    return check


_SIGNED, _UNSIGNED = WrapValidator(_plain_decimal(True)), WrapValidator(_plain_decimal(False))
_CENTS: dict[str, Any] = dict(max_digits=18, decimal_places=2, allow_inf_nan=False)
PositiveAmount = Annotated[Decimal, Field(gt=0, **_CENTS), _UNSIGNED]
NonNegativeAmount = Annotated[Decimal, Field(ge=0, **_CENTS), _UNSIGNED]
Rate = Annotated[Decimal, Field(gt=0, max_digits=18, decimal_places=8, allow_inf_nan=False), _UNSIGNED]
Number = Annotated[Decimal, Field(max_digits=18, decimal_places=6, allow_inf_nan=False), _SIGNED]
Share = Annotated[Decimal, Field(ge=0, le=1, allow_inf_nan=False), _UNSIGNED]  # a fraction 0..1 (R5)
Weight = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False), _UNSIGNED]  # a ranking factor's (R11)

def _iso_date(value: Any) -> Any:
    """SPEC §5: dates are ISO `YYYY-MM-DD`, not `20250203`, a timestamp or a number of seconds."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


@cache
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


NO_CURRENCY = frozenset({"X" * 3, "XTS"})  # ISO 4217: the code for "no currency", and the testing code


def _iso_4217(code: str) -> str:
    if code not in _currencies() or code in NO_CURRENCY:
        raise ValueError(f"'{code}' is not an ISO 4217 currency code")
    return code


Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$"), AfterValidator(_iso_4217)]

# CLDR territories that are not ISO 3166-1 alpha-2 codes (regions, unions, pseudo-locales, Kosovo)
NOT_ISO_3166 = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"})


@cache
def iso_3166() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, from Babel's CLDR territory list."""
    from babel import Locale

    return frozenset(k for k in Locale("en").territories if len(k) == 2 and k.isalpha()) - NOT_ISO_3166


def _iso_3166(code: str) -> str:
    if code not in iso_3166():
        raise ValueError(f"'{code}' is not an ISO 3166 country code")
    return code


Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$"), AfterValidator(_iso_3166)]


class Command(BaseModel):
    """A command's shape: frozen, no unknown fields, and validated before anything loads."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
    keys_as_written: ClassVar[bool] = False  # True for files: name `focus_areas[0].key`, not `focus-areas-key`

    @classmethod
    def parse(cls, **values: object) -> Command:
        """Build the model, turning the first pydantic error into InvalidInput naming the field."""
        if None in values.values():  # an option not given: left to the model's default
            values = {k: v for k, v in values.items() if v is not None}
        try:  # model_validate's own call, without its wrapper: a command is parsed on every use
            return cls.__pydantic_validator__.validate_python(values)
        except ValidationError as e:
            error = e.errors()[0]
            field = cls._field_name(error["loc"])
            given = error.get("input")
            given = shortened(given) if isinstance(given, str) else given
            shown = f" (got {given!r})" if isinstance(given, _SHOWN_TYPES) else ""
            raise InvalidInput(field or cls.__name__, f"{error['msg']}{shown}") from None


    @classmethod
    def _field_name(cls, loc: tuple[int | str, ...]) -> str:
        if not cls.keys_as_written:
            return "-".join(str(p) for p in loc if not isinstance(p, int)).replace("_", "-")
        name = ""
        for part in loc:
            name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
        return name
