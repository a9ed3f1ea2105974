"""Value objects a case accumulates: decisions, obligations, funding applications, indicators."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain.frozen_init import stores_fields
from domain.money import Amount

OUTCOMES = ("approved", "approved-with-conditions", "rejected", "returned", "postponed")
APPROVING = ("approved", "approved-with-conditions")


@stores_fields
@dataclass(frozen=True)
class Condition:
    text: str
    due: date


@stores_fields
@dataclass(frozen=True)
class Decision:
    """R12: the decision as an auditor finds it in the minutes, and what it decided."""

    number: int
    purpose: str  # "mandate" (R2), "approval", or "supplementary" (a new ceiling)
    body: str
    body_kind: str
    meeting_date: date
    item: str
    case_number: str | None
    outcome: str
    conditions: list[Condition]
    obligation_keys: list[str]
    ceiling: Decimal | None
    in_force_on: date
    appeal_ends: date | None
    strategy_version: int
    threshold: Decimal


@stores_fields
@dataclass(frozen=True)
class Obligation:
    """A decision's condition, due by a date; open until fulfilled (R12)."""

    key: str
    text: str
    due: date
    decision: int
    fulfilled_on: date | None = None


@stores_fields
@dataclass(frozen=True)
class FundingApplication:
    """An application for external funding (R5): applied, granted or rejected, received."""

    key: str
    programme: str
    applied: Amount
    status: str = "applied"
    granted: Amount | None = None
    received: Decimal = Decimal(0)  # in the reporting currency, summed over receipts
    received_in_grant_currency: Decimal = Decimal(0)  # receipts in the grant's own currency

    def would_exceed_grant(self, amount: Amount) -> bool:
        """R5: receipts add up to at most the grant, in its own currency where they share one."""
        granted = self.granted
        if granted is None:
            return True
        if amount.currency == granted.currency:
            return self.received_in_grant_currency + amount.value > granted.value
        return self.received + amount.reporting > granted.reporting


@stores_fields
@dataclass(frozen=True)
class Indicator:
    """R6: what makes the project followable: a target and the latest measurement."""

    key: str
    name: str
    target: Decimal
    unit: str | None = None
    latest: Decimal | None = None
    measured_on: date | None = None
    measurements: int = 0


@stores_fields
@dataclass(frozen=True)
class Statement:
    """R7: the project's narrative for one year of the annual report."""

    year: int
    text: str
    submitted_on: date


@stores_fields
@stores_fields
@dataclass(frozen=True)
class ExpectedEffects:
    """What the idea is expected to bring (R11): jobs, citizens reached, competence."""

    jobs: int = 0
    citizens: int = 0
    competence: int = 0
    notes: list[str] = field(default_factory=list)
