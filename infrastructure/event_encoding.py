"""The mapper's encoder for one shape of event, written out once as Python source.

A shape is an event class, its field names and the exact types of their values. For a shape the
encoder unpacks the values, builds the library's JSON values in one dict display (`{"_type_":
name, "_data_": …}` for each registered type, as `JSONTranscoder` writes them; a UTC datetime and
a date go to orjson as they are, which writes them as isoformat does), serialises them with orjson
and builds the StoredEvent: no per-event plan loop, converter closures or dict copies.
A value the fast path cannot vouch for raises `NotPlain` or orjson's TypeError, and the event then
goes the library's own way (`library`), with its result or its error."""
from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timezone
from decimal import Decimal
from typing import Any

import orjson
from eventsourcing.persistence import DatetimeAsISO, DecimalAsStr, StoredEvent, UUIDAsHex

from infrastructure.transcoding import (
    PLAIN,
    DataclassAsDict,
    DateAsISO,
    NotPlain,
    datetime_iso,
)

ORIGINATOR = ("originator_id", "originator_version")
Checked = Callable[[Any], "StoredEvent | None"]


@dataclass
class _Source:
    """The text of one generated function and the constants it reads as globals."""

    constants: dict[str, Any] = field(default_factory=dict)

    def constant(self, value: Any) -> str:
        name = f"_k{len(self.constants)}"
        self.constants[name] = value
        return name


class ShapeCompiler:
    """Writes the encoder of each shape; `converter(t)` is the mapper's generic conversion of a
    value of type `t` to plain JSON values (raising NotPlain for a type it cannot take)."""

    def __init__(self, types: dict[type, Any], converter: Callable[[type], Callable[[Any], Any]],
                 plain_list: Callable[[Any], Any], finish: list[Callable[[bytes], bytes]]) -> None:
        self._types = types
        self._converter = converter
        self._plain_list = plain_list
        self._finish = finish  # the compressor's and the cipher's steps, in order, if any
        self._dataclasses: dict[tuple[type, tuple[type, ...]], Callable[[Any], Any]] = {}

    def encoder(self, names: tuple[Any, ...], values: tuple[Any, ...], topic: str, class_version: int,
                library: Callable[[Any], bytes]) -> Checked | None:
        """The encoder of events shaped like `values`, or None for a shape the fast path leaves to
        the library (an unregistered type, a float, a name that is not a str). `checked(event)`
        first checks that the event has this shape (None if not): its names, in order, as one
        tuple compared with the shape's (by identity first: an event's attribute names are
        interned; an equal name writes the same key), and the exact types, inline (a field
        holding None by `is None`), cheaper than the tuples a shape is looked up by. One
        function per shape: compiling its text is most of what a shape's first event costs."""
        if any(type(n) is not str for n in names) or not all(n in names for n in ORIGINATOR):
            return None
        source = _Source()
        try:
            items = [f"{n!r}: {self._expression(v, f'v{i}', source)}"
                     for i, (n, v) in enumerate(zip(names, values)) if n not in ORIGINATOR]
        except NotPlain:
            return None
        if class_version > 1:
            items.append(f"'class_version': {class_version!r}")
        unpack = "".join(f"v{i}, " for i in range(len(names)))
        same_types = " or ".join(f"v{i} is not None" if v is None else f"type(v{i}) is not {source.constant(type(v))}"
                                 for i, v in enumerate(values))
        finish = "".join(f"    state = {source.constant(step)}(state)\n" for step in self._finish)
        text = (
            f"def checked(event):\n"
            f"    fields = _vars(event)\n"
            f"    if _tuple(fields) != {source.constant(names)}:\n"
            f"        return None\n"
            f"    {unpack}= fields.values()\n"
            f"    if {same_types}:\n"
            f"        return None\n"
            f"    try:\n"
            f"        state = _dumps({{{', '.join(items)}}})\n"
            f"    except (TypeError, _NotPlain):\n"
            f"        state = _library(event)\n"
            f"{finish}"
            f"    stored = _new(_StoredEvent)\n"
            f"    d = stored.__dict__\n"
            f"    d['originator_id'] = v{names.index('originator_id')}\n"
            f"    d['originator_version'] = v{names.index('originator_version')}\n"
            f"    d['topic'] = {source.constant(topic)}\n"
            f"    d['state'] = state\n"
            f"    return stored\n"
        )
        namespace = _compile(text, source, _library=library)
        return namespace["checked"]  # type: ignore[no-any-return]

    def _expression(self, value: Any, name: str, source: _Source) -> str:
        """Python text turning `name` (holding a value of `value`'s exact type) into plain JSON values."""
        t = type(value)
        if t in PLAIN:
            return name
        if t is list or t is tuple:  # orjson writes a list or tuple of plain values as json does (an empty
            # one, often, without a map object built to find that out)
            return (f"({name} if not {name} or _all_plain(map(type, {name})) "
                    f"else {source.constant(self._plain_list)}({name}))")
        if t is dict:
            return f"{source.constant(self._converter(dict))}({name})"
        try:
            transcoding = self._types[t]
        except KeyError:
            raise NotPlain from None
        kind, tag = type(transcoding), repr(transcoding.name)
        if kind is DatetimeAsISO:  # orjson writes a UTC datetime, and a date, as isoformat does (tested)
            return f"{{'_type_': {tag}, '_data_': {name} if {name}.tzinfo is _UTC else _datetime_iso({name})}}"
        if kind is DateAsISO:
            return f"{{'_type_': {tag}, '_data_': {name}}}"
        if kind is DecimalAsStr and t is Decimal:
            return f"{{'_type_': {tag}, '_data_': str({name})}}"
        if kind is UUIDAsHex:
            return f"{{'_type_': {tag}, '_data_': {name}.hex}}"
        if kind is DataclassAsDict:
            return f"{source.constant(self._dataclass(transcoding, value))}({name})"
        return f"{source.constant(self._converter(t))}({name})"

    def _dataclass(self, transcoding: DataclassAsDict, value: Any) -> Callable[[Any], Any]:
        """A value object's conversion for the exact types of `value`'s fields, checked on each
        value: any other types go the mapper's generic way."""
        fields = transcoding._fields
        values = tuple(getattr(value, f) for f in fields)
        key = (type(value), tuple(map(type, values)))
        known = self._dataclasses.get(key)
        if known is not None:
            return known
        generic = self._converter(type(value))
        if not fields:
            return generic
        source = _Source()
        try:
            items = [f"{f!r}: {self._expression(v, f'a{i}', source)}" for i, (f, v) in enumerate(zip(fields, values))]
        except NotPlain:
            return generic
        unpack = "".join(f"a{i}, " for i in range(len(fields)))
        got = f"({source.constant(operator.attrgetter(*fields))}(value),)" if len(fields) == 1 else (
            f"{source.constant(operator.attrgetter(*fields))}(value)")
        guard = " and ".join(f"type(a{i}) is {source.constant(type(v))}" for i, v in enumerate(values))
        text = (
            f"def convert(value):\n"
            f"    {unpack}= {got}\n"
            f"    if {guard}:\n"
            f"        return {{'_type_': {transcoding.name!r}, '_data_': {{{', '.join(items)}}}}}\n"
            f"    return _generic(value)\n"
        )
        converter = self._dataclasses[key] = _compile(text, source, _generic=generic)["convert"]
        return converter


def _compile(text: str, source: _Source, **names: Any) -> dict[str, Any]:
    namespace = {**_GLOBALS, **source.constants, **names}
    exec(compile(text, f"<udsyn encoder: {text.splitlines()[0]}>", "exec"), namespace)  # noqa: S102
    return namespace


_GLOBALS: dict[str, Any] = {
    "__builtins__": __builtins__, "_dumps": orjson.dumps, "_NotPlain": NotPlain, "_new": object.__new__,
    "_StoredEvent": StoredEvent, "_all_plain": PLAIN.issuperset, "_datetime_iso": datetime_iso,
    "_vars": vars, "_UTC": timezone.utc, "_tuple": tuple,
}
