"""Money as Decimal with an ISO 4217 currency, and the rate to the reporting currency used."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from domain.errors import InvalidInput
from domain.frozen_init import stores_fields

CENT = Decimal("0.01")
ONE = Decimal(1)
ZERO = Decimal(0)


@stores_fields
@dataclass(frozen=True)
class Amount:
    """An amount as recorded, with the rate used and its value in the reporting currency."""

    value: Decimal
    currency: str
    rate: Decimal
    reporting: Decimal

    @classmethod
    def of(
        cls,
        value: Decimal,
        currency: str,
        reporting_currency: str,
        rate: Decimal | None = None,
        *,
        field: str = "amount",
    ) -> Amount:
        """Fix the rate: 1 for the reporting currency, otherwise the rate given (required)."""
        if currency == reporting_currency:
            if rate is not None and rate != 1:
                raise InvalidInput("rate", f"{currency} is the reporting currency; its rate is 1")
            rate = ONE
        elif rate is None:
            raise InvalidInput(
                "rate", f"{field} in {currency} needs --rate to {reporting_currency}"
            )
        if rate <= ZERO:
            raise InvalidInput("rate", "must be positive")
        reporting = (value * rate).quantize(CENT, ROUND_HALF_EVEN)  # by position: no keyword dict per call
        return cls(value, currency, rate, reporting)

    def __str__(self) -> str:
        return f"{self.value} {self.currency}"
