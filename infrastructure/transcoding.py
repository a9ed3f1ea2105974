"""JSON transcoding for dates and the domain's frozen value objects."""
from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Transcoding,
    UUIDAsHex,
)

from domain.money import Amount
from domain.organisation import Body, Department, User
from domain.records import (
    Condition,
    Decision,
    ExpectedEffects,
    FundingApplication,
    Indicator,
    Obligation,
    Statement,
)
from domain.reporting_year import Correction
from domain.strategy import FocusArea, StrategyVersion, Term

VALUE_OBJECTS: tuple[type, ...] = (
    Amount, Body, Department, User, Condition, Decision, ExpectedEffects,
    FundingApplication, Indicator, Obligation, Statement, FocusArea, StrategyVersion, Term,
    Correction,
)


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class DataclassAsDict(Transcoding):
    """A frozen dataclass as a dict of its fields; nested values are transcoded in turn."""

    def __init__(self, cls: type) -> None:
        self.type = cls
        self.name = cls.__name__
        self._fields = tuple(f.name for f in dataclasses.fields(cls))

    def encode(self, obj: Any) -> dict[str, Any]:
        return {name: getattr(obj, name) for name in self._fields}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**data)


class UdsynTranscoder(JSONTranscoder):
    """The library's JSON transcoder with every type our events carry registered."""

    def __init__(self) -> None:
        super().__init__()
        for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO(), DateAsISO()):
            self.register(transcoding)
        for cls in VALUE_OBJECTS:
            self.register(DataclassAsDict(cls))
