"""Shapes shared by the command models: keys, currencies, amounts; and pydantic errors as ours."""
from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from domain.errors import InvalidInput

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
PositiveAmount = Annotated[Decimal, Field(gt=0, max_digits=18, decimal_places=2, allow_inf_nan=False)]
NonNegativeAmount = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2, allow_inf_nan=False)]
Rate = Annotated[Decimal, Field(gt=0, max_digits=18, decimal_places=8, allow_inf_nan=False)]
Number = Annotated[Decimal, Field(max_digits=18, decimal_places=6, allow_inf_nan=False)]


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
            shown = f" (got {given!r})" if isinstance(given, (str, int, float, Decimal)) else ""
            raise InvalidInput(field or cls.__name__, f"{error['msg']}{shown}") from None

    @classmethod
    def _field_name(cls, loc: tuple[int | str, ...]) -> str:
        if not cls.keys_as_written:
            return "-".join(str(p) for p in loc if not isinstance(p, int)).replace("_", "-")
        name = ""
        for part in loc:
            name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
        return name
