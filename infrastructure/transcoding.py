"""JSON transcoding for dates and the domain's frozen value objects, and the mapper's fast path."""
from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Any

import orjson
from eventsourcing.persistence import (
    Cipher,
    Compressor,
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Mapper,
    StoredEvent,
    Transcoder,
    Transcoding,
    UUIDAsHex,
)
from eventsourcing.utils import get_topic

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

VALUE_OBJECTS: tuple[type, ...] = (
    Amount, Body, Department, User, Condition, Decision, ExpectedEffects,
    FundingApplication, Indicator, Obligation, Statement,
)
# Value objects of aggregates a command may never touch, by name and module: registered when first
# met, so that showing a case does not import the strategy, partnerships or reporting years
# (start-up time).
ON_DEMAND: dict[str, str] = {
    "FocusArea": "domain.strategy",
    "StrategyVersion": "domain.strategy",
    "Term": "domain.strategy",
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


class NotPlain(Exception):
    """A value the fast path leaves to the library's encoder (a float, a subclass, an unknown type)."""


class UdsynMapper(Mapper):
    """The library's mapper, writing the very same bytes faster: each shape of event (its class,
    field names and the exact types of their values) gets an encoder written once
    (`infrastructure/event_encoding.py`) that turns the state into plain JSON values in one pass
    (each registered type as the library writes it, `{"_type_": name, "_data_": …}`) and
    serialises them with orjson, which writes str, int, bool, None, lists and dicts byte for byte
    as the library's `json` encoder does (checked over every code point and by a property test).
    Anything else — a float, a subclass, an int beyond 64 bits, an unknown type, a lone surrogate
    — goes the library's own way, with its result or its error. Decoding is the library's."""

    def __init__(self, transcoder: Transcoder, compressor: Compressor | None = None,
                 cipher: Cipher | None = None) -> None:
        super().__init__(transcoder, compressor, cipher)
        self._converters: dict[type, Callable[[Any], Any]] = {dict: self._plain_dict, list: self._plain_list,
                                                              tuple: self._plain_list}
        self._types = transcoder.types if type(transcoder) in (JSONTranscoder, UdsynTranscoder) else None
        self._encoders: dict[tuple[Any, ...], Any] = {}  # by shape: its checked encoder, or None for the library's way
        self._last: dict[type, Callable[[Any], StoredEvent | None]] = {}  # by class: its last shape's checked
        self._compiler: Any = None

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        checked = self._last.get(type(domain_event))  # the encoder of the class's last shape, if written
        if checked is not None:
            stored = checked(domain_event)
            if stored is not None:
                return stored  # type: ignore[no-any-return]
        return self._by_shape(domain_event)

    def encode(self, value: dict[str, Any]) -> bytes:
        """The bytes `transcoder.encode(value)` gives, by the fast path when it can take them (an
        aggregate's state, say, which the portfolio keeps as each case's shadow)."""
        if self._types is not None:
            try:
                return orjson.dumps(self._plain_dict(value))
            except (NotPlain, TypeError):  # orjson.JSONEncodeError is a TypeError
                pass
        return self.transcoder.encode(value)

    def _by_shape(self, domain_event: Any) -> StoredEvent:
        """The event stored by the encoder of its shape, written the first time the shape is met;
        the library's way for a shape the fast path leaves to it."""
        cls, fields = type(domain_event), vars(domain_event)
        shape = (cls, tuple(fields), tuple(map(type, fields.values())))
        encoders = self._encoders
        checked = encoders[shape] if shape in encoders else self._encoder_for(shape, tuple(fields.values()))
        if checked is not None:
            self._last[cls] = checked
            stored = checked(domain_event)
            if stored is not None:
                return stored  # type: ignore[no-any-return]
        return Mapper.to_stored_event(self, domain_event)

    def _encoder_for(self, shape: tuple[Any, ...], values: tuple[Any, ...]) -> Any:
        """A shape's encoder, written for it, or None (the library's way)."""
        cls, names, _ = shape
        checked = None
        if self._types is not None:
            if self._compiler is None:
                from infrastructure.event_encoding import ShapeCompiler

                finish = [step for step in (self.compressor and self.compressor.compress,
                                            self.cipher and self.cipher.encrypt) if step]
                self._compiler = ShapeCompiler(self._types, self._converter, self._plain_list, finish)
            checked = self._compiler.encoder(names, values, get_topic(cls), getattr(cls, "class_version", 1),
                                             self._library_state)
        if len(self._encoders) < 10_000:  # shapes are few (None or a value, per optional field)
            self._encoders[shape] = checked
        return checked

    def _library_state(self, domain_event: Any) -> bytes:
        """The state as the library's transcoder encodes it (or its error), before compression."""
        state = {k: v for k, v in vars(domain_event).items() if k not in _ORIGINATOR}
        class_version = getattr(type(domain_event), "class_version", 1)
        if class_version > 1:
            state["class_version"] = class_version
        return self.transcoder.encode(state)

    def _plain_dict(self, value: dict[Any, Any]) -> dict[str, Any]:
        plain = {}
        converters = self._converters
        for k, v in value.items():
            if type(k) is not str:
                raise NotPlain
            t = type(v)
            plain[k] = v if t in PLAIN else (converters.get(t) or self._converter(t))(v)
        return plain

    def _plain_list(self, value: list[Any] | tuple[Any, ...]) -> list[Any]:
        converters = self._converters
        return [v if type(v) in PLAIN else (converters.get(type(v)) or self._converter(type(v)))(v) for v in value]

    def _converter(self, t: type) -> Callable[[Any], Any]:
        """How a value of type `t` becomes plain JSON values, as the library's encoder writes it:
        a registered type as `{"_type_": name, "_data_": …}`; made once per type."""
        known = self._converters.get(t)
        if known is not None:
            return known
        try:
            transcoding = self._types[t]  # type: ignore[index]
        except KeyError:  # not registered: the library's encoder raises its own error
            raise NotPlain from None
        name, kind = transcoding.name, type(transcoding)
        converter: Callable[[Any], Any]
        if kind is DecimalAsStr:
            def converter(v: Any) -> Any:
                return {"_type_": name, "_data_": str(v)}
        elif kind is DatetimeAsISO:
            def converter(v: Any) -> Any:
                return {"_type_": name, "_data_": datetime_iso(v)}
        elif kind is DateAsISO:
            def converter(v: Any) -> Any:
                return {"_type_": name, "_data_": date_iso(v)}
        elif kind is UUIDAsHex:
            def converter(v: Any) -> Any:
                return {"_type_": name, "_data_": v.hex}
        elif kind is DataclassAsDict:
            fields, converters = transcoding._fields, self._converters

            def converter(v: Any) -> Any:
                data = {}
                for field in fields:
                    x = getattr(v, field)
                    t = type(x)
                    data[field] = x if t in PLAIN else (converters.get(t) or self._converter(t))(x)
                return {"_type_": name, "_data_": data}
        else:
            def converter(v: Any) -> Any:
                data = transcoding.encode(v)
                t = type(data)
                return {"_type_": name, "_data_": data if t in PLAIN else self._converter(t)(data)}
        self._converters[t] = converter
        return converter


PLAIN = frozenset({str, int, bool, type(None)})
_UTC = timezone.utc
_TWO_DIGITS = tuple(f"{i:02d}" for i in range(60))
_MINUTES: dict[tuple[int, int, int, int, int], str] = {}  # "YYYY-MM-DDTHH:MM:" by the minute
_DATES: dict[date, str] = {}


def datetime_iso(v: datetime) -> str:
    """`v.isoformat()`, the same text, for a UTC datetime built from its minute's prefix (an
    event's recorded time is always UTC, and isoformat formats every field printf-style, ~20%
    of an event's encoding); any other datetime is left to isoformat."""
    if type(v) is not datetime or v.tzinfo is not _UTC:
        return v.isoformat()
    minute = (v.year, v.month, v.day, v.hour, v.minute)
    prefix = _MINUTES.get(minute)
    if prefix is None:
        if len(_MINUTES) >= 4096:
            _MINUTES.clear()
        prefix = _MINUTES[minute] = v.replace(second=0, microsecond=0, tzinfo=None).isoformat()[:-2]
    microsecond = v.microsecond
    if microsecond:
        return prefix + _TWO_DIGITS[v.second] + "." + str(1_000_000 + microsecond)[1:] + "+00:00"
    return prefix + _TWO_DIGITS[v.second] + "+00:00"


def date_iso(v: date) -> str:
    """`v.isoformat()`, remembered: a command's dates are mostly today's."""
    text = _DATES.get(v)
    if text is None:
        if len(_DATES) >= 4096:
            _DATES.clear()
        text = _DATES[v] = v.isoformat()
    return text


_ORIGINATOR = frozenset({"originator_id", "originator_version"})
