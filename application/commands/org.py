"""Commands that set up the organisation and its strategy."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, field_validator

from application.validation import (
    Command,
    Country,
    Currency,
    IsoDate,
    Key,
    Keys,
    Name,
    NonNegativeAmount,
    Share,
    Text,
    Weight,
)
from domain.ranking import FACTOR_KEYS

Code = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,6}$")]
UserName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._@-]{1,64}$")]


def _every_year(month_day: str) -> str:
    """R7: the statement is due on this day in every year after a reported one, so the day must exist
    in every year: `02-30` never does, `02-29` only in leap years."""
    if month_day == "02-29":
        raise ValueError("a statement is due every year and 29 February exists only in leap years;"
                         " use 02-28 or 03-01")
    month, day = (int(p) for p in month_day.split("-"))
    try:
        date(2001, month, day)  # a year that is not a leap year
    except ValueError:
        raise ValueError("no year has this day (MM-DD)") from None
    return month_day


MonthDay = Annotated[
    str, StringConstraints(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"), AfterValidator(_every_year)
]


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
    name: UserName
    role: Literal["admin", "officer", "auditor", "reporter"]
    department: Keys = []


class Appoint(Command):
    name: UserName
    department: Keys = []


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
    approval_threshold: NonNegativeAmount
    approval_body: Key
    external_funding_target: Share
    appeal_window_days: Annotated[int, Field(ge=0, le=365)] = 0
    statement_due: MonthDay = "01-31"
    focus_areas: Annotated[list[FocusAreaSpec], Field(min_length=1)]
    target_groups: list[TermSpec] = []
    goals: list[TermSpec] = []
    ranking: dict[Key, Weight] = {}

    @field_validator("focus_areas", "target_groups", "goals")
    @classmethod
    def _keys_once(cls, entries: list[FocusAreaSpec | TermSpec]) -> list[FocusAreaSpec | TermSpec]:
        """R1: a project names an entry by its key, so a key may stand for one entry only."""
        seen: dict[str, int] = {}
        for index, entry in enumerate(entries):
            if entry.key in seen:
                raise ValueError(f"key '{entry.key}' appears twice, at [{seen[entry.key]}] and [{index}]")
            seen[entry.key] = index
        return entries

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
    date: IsoDate
    strategy: StrategyFile
