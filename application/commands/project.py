"""Commands on a case, one model per command of SPEC §5.1."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from application.validation import (
    Command,
    Currency,
    IsoDate,
    Key,
    Keys,
    Name,
    NonNegativeAmount,
    Number,
    OneLine,
    PositiveAmount,
    PrintableText,
    Rate,
    Text,
)
from domain.records import APPROVING

ItemKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$")]
AgendaItem = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40), OneLine]
CaseNumber = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60), OneLine]
Category = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60), OneLine]
Unit = Annotated[str, StringConstraints(max_length=40), OneLine]
Account = Annotated[  # a statement or the lessons learned: lines of prose
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000), PrintableText
]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000),
                   PrintableText]


class Register(Command):
    title: Name
    department: Key
    focus_area: Keys = Field(default_factory=list)  # a factory: a [] default is deep-copied per command
    outside_strategy: bool = False
    summary: Text = ""
    target_group: Keys = Field(default_factory=list)  # a factory: a [] default is deep-copied per command
    goal: Keys = Field(default_factory=list)  # a factory: a [] default is deep-copied per command
    partner: Keys = Field(default_factory=list)  # a factory: a [] default is deep-copied per command
    budget: NonNegativeAmount | None = None
    currency: Currency | None = None
    rate: Rate | None = None
    jobs: Annotated[int, Field(ge=0)] = 0
    citizens: Annotated[int, Field(ge=0)] = 0
    competence: Annotated[int, Field(ge=0)] = 0

    @model_validator(mode="after")
    def _focus_or_outside(self) -> Register:
        if bool(self.focus_area) == self.outside_strategy:
            raise ValueError("give --focus-area KEY (one or more) or --outside-strategy, not both or neither")
        return self


class Submit(Command):
    body: Key


class Decide(Command):
    body: Key
    outcome: Literal["approved", "approved-with-conditions", "rejected", "returned", "postponed"]
    meeting_date: IsoDate
    item: AgendaItem
    case_number: CaseNumber | None = None
    ceiling: NonNegativeAmount | None = None
    currency: Currency | None = None
    rate: Rate | None = None
    condition: list[Name] = Field(default_factory=list)  # a factory: a [] default is deep-copied per command
    condition_due: list[IsoDate] = Field(default_factory=list)  # a factory: a [] default is deep-copied
    effective: IsoDate | None = None
    posted: IsoDate | None = None

    @field_validator("ceiling", "condition")
    @classmethod
    def _with_an_approval(cls, value: Any, info: ValidationInfo) -> Any:
        """A ceiling or a condition is part of an approval; on a rejection, a return or a postponement
        it would be recorded as if it bound something."""
        if value and info.data.get("outcome") not in APPROVING:
            raise ValueError(f"goes with an approval, not with the outcome '{info.data.get('outcome')}'")
        return value

    @model_validator(mode="after")
    def _conditions_pair(self) -> Decide:
        if len(self.condition) != len(self.condition_due):
            raise ValueError("each --condition needs its own --condition-due date, in the same order")
        return self


class Fund(Command):
    own_contribution: NonNegativeAmount
    currency: Currency | None = None
    rate: Rate | None = None


class Apply(Command):
    programme: Name
    amount: PositiveAmount
    currency: Currency | None = None
    rate: Rate | None = None
    key: ItemKey | None = None


class OnApplication(Command):
    application: ItemKey


class OnObligation(Command):
    obligation: ItemKey


class MoneyIn(Command):
    """grant and receive: an amount against an application."""

    application: ItemKey
    amount: PositiveAmount
    currency: Currency | None = None
    rate: Rate | None = None


class Indicator(Command):
    key: Key
    name: Name
    target: Number
    unit: Unit | None = None


class Spend(Command):
    amount: PositiveAmount
    category: Category
    currency: Currency | None = None
    rate: Rate | None = None
    description: Text | None = None


class Measure(Command):
    key: Key
    value: Number


class Statement(Command):
    year: Annotated[int, Field(ge=1900, le=2200)]
    text: Account


class Complete(Command):
    lessons: Account


class Withdraw(Command):
    reason: Reason


ProjectStatus = Literal[
    "idea", "exploration", "awaiting_decision", "approved", "executing", "completed", "rejected", "withdrawn"
]
