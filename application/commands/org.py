"""Commands that set up the organisation and its strategy."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from application.validation import Command, Currency, Key, Name, Text
from domain.ranking import FACTOR_KEYS

Code = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,6}$")]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class Init(Command):
    municipality: Name
    code: Code
    country: Country
    currency: Currency
    language: Literal["da", "sv", "en"]


class AddBody(Command):
    key: Key
    name: Name
    kind: Literal["council", "committee", "board", "official"]


class AddDepartment(Command):
    key: Key
    name: Name
    board: Key


class AddUser(Command):
    name: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._@-]{1,64}$")]
    role: Literal["admin", "officer", "auditor", "reporter"]
    department: list[Key] = []


class Appoint(Command):
    name: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._@-]{1,64}$")]
    department: list[Key] = []


class FocusAreaSpec(Command):
    key: Key
    name: Name
    priority: Literal["primary", "secondary"]


class TermSpec(Command):
    key: Key
    name: Name


class StrategyFile(Command):
    """The TOML strategy file (README: "Strategy file")."""

    keys_as_written = True

    title: Name
    vision: Text = ""
    approval_threshold: Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2)]
    approval_body: Key
    external_funding_target: Annotated[Decimal, Field(ge=0, le=1)]
    appeal_window_days: Annotated[int, Field(ge=0, le=365)] = 0
    statement_due: Annotated[str, StringConstraints(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")] = "01-31"
    focus_areas: Annotated[list[FocusAreaSpec], Field(min_length=1)]
    target_groups: list[TermSpec] = []
    goals: list[TermSpec] = []
    ranking: dict[Key, Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)]] = {}

    @field_validator("ranking", mode="before")
    @classmethod
    def _known_factors(cls, weights: object) -> object:
        """R11: a weight names one of the ranking's factors; a typo must not silently weigh nothing."""
        if isinstance(weights, dict):
            unknown = sorted(set(weights) - set(FACTOR_KEYS))
            if unknown:
                raise ValueError(f"unknown ranking factor '{unknown[0]}'; known: {', '.join(FACTOR_KEYS)}")
        return weights


class AdoptStrategy(Command):
    body: Key
    date: date
    strategy: StrategyFile
