"""JSON transcoding for dates and the domain's frozen value objects."""
from __future__ import annotations

import dataclasses
import importlib
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
from domain.strategy import FocusArea, StrategyVersion, Term

VALUE_OBJECTS: tuple[type, ...] = (
    Amount, Body, Department, User, Condition, Decision, ExpectedEffects,
    FundingApplication, Indicator, Obligation, Statement, FocusArea, StrategyVersion, Term,
)
# Value objects of aggregates a command may never touch, by name and module: registered when first
# met, so that showing a case does not import partnerships or reporting years (start-up time).
ON_DEMAND: dict[str, str] = {
    "Correction": "domain.reporting_year",
    "StatusChange": "domain.partnership",
    "ContactPerson": "domain.partnership",
}


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
        self.types = _TypesOnDemand(self)
        self.names = _NamesOnDemand(self)
        for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO(), DateAsISO()):
            self.register(transcoding)
        for cls in VALUE_OBJECTS:
            self.register(DataclassAsDict(cls))


class _TypesOnDemand(dict):
    """Transcodings by type: an on-demand value object's is registered when one is first encoded."""

    def __init__(self, transcoder: JSONTranscoder) -> None:
        super().__init__()
        self._transcoder = transcoder

    def __missing__(self, cls: type) -> Transcoding:
        if ON_DEMAND.get(getattr(cls, "__name__", "")) != getattr(cls, "__module__", None):
            raise KeyError(cls)
        self._transcoder.register(DataclassAsDict(cls))
        return dict.__getitem__(self, cls)


class _NamesOnDemand(dict):
    """Transcodings by name: an on-demand value object's module is imported when one is first decoded."""

    def __init__(self, transcoder: JSONTranscoder) -> None:
        super().__init__()
        self._transcoder = transcoder

    def __missing__(self, name: str) -> Transcoding:
        if name not in ON_DEMAND:
            raise KeyError(name)
        self._transcoder.register(DataclassAsDict(getattr(importlib.import_module(ON_DEMAND[name]), name)))
        return dict.__getitem__(self, name)
