"""The base aggregate: every event carries the command's metadata and the recorded time."""
from __future__ import annotations

from copy import copy
from dataclasses import KW_ONLY
from datetime import date
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from typing import Any
from uuid import UUID, SafeUUID

from eventsourcing.domain import Aggregate, OriginatorIDError, OriginatorVersionError
from eventsourcing.utils import resolve_topic

try:  # CPython's own SHA-1: for a name this short, OpenSSL's context copies cost more than the hashing
    from _sha1 import sha1
except ImportError:  # pragma: no cover - another Python
    from hashlib import sha1

from domain.frozen_init import FastInitEvent
from domain.in_place import CREATED_FIELDS, RECORDED_FIELDS, Payloads, PlainTopics, store_meta
from domain.memo import Memo
from domain.meta import Meta


# How a value of each type is copied into an aggregate's copy: containers (dict, list, set and their
# subclasses) shallowly, anything else not at all (None); worked out once per type.
_COPIERS = Memo(lambda kind: copy if issubclass(kind, (dict, list, set)) else None,
                {dict: dict.copy, list: list.copy, set: set.copy})


NAMESPACE = UUID("6f1d6c52-4b8e-4d1f-9a53-0d2a5e1f7c11")


@lru_cache(maxsize=8192)  # a command resolves the same few keys several times; uuid5 is sha1
def deterministic_id(*parts: object) -> UUID:
    """A stable id for a natural key, so uniqueness is enforced by the event store."""
    return uuid5_in_namespace("/".join(map(str, parts)))


_NAMESPACE_HASHED = sha1(NAMESPACE.bytes)
_KEPT_BITS = ~((0xC000 << 48) | (0xF000 << 64))  # all but the variant and version, which UUID() sets
_VERSION_5 = (0x8000 << 48) | (5 << 76)
_UNKNOWN = SafeUUID.unknown  # an enum member read off its class is a Python descriptor call


def uuid5_in_namespace(name: str) -> UUID:
    """uuid.uuid5(NAMESPACE, name), the same UUID, without UUID()'s checks of arguments it is not
    given and the namespace's bytes rebuilt per call (each new case's id; a test compares them)."""
    digest = _NAMESPACE_HASHED.copy()
    digest.update(name.encode())
    uuid = object.__new__(UUID)
    object.__setattr__(uuid, "int", int.from_bytes(digest.digest()[:16]) & _KEPT_BITS | _VERSION_5)
    object.__setattr__(uuid, "is_safe", _UNKNOWN)
    return uuid


class UdsynAggregate(Aggregate):
    """Records each event with the actor, role, command id, reason and effective date."""

    class Event(Aggregate.Event, metaclass=FastInitEvent):
        actor: str
        role: str
        command_id: str
        reason: str | None
        effective_date: date | None
        _: KW_ONLY
        correction: Any = None  # a domain.reporting_year.Correction for a late fact in a closed year (R7)

        def mutate(self, aggregate: Any) -> Any:
            """The library's mutate, the same checks and assignments, without its calls of the
            aggregate's id, version and modified_on properties (every event, every replay)."""
            # The identity first: a recorded event carries its aggregate's own id, and UUID's == is Python.
            if self.originator_id is not aggregate._id and self.originator_id != aggregate._id:
                raise OriginatorIDError(self.originator_id, aggregate._id)
            next_version = aggregate._version + 1
            if self.originator_version != next_version:
                raise OriginatorVersionError(self.originator_version, next_version)
            self.apply(aggregate)
            aggregate._version = self.originator_version
            aggregate._modified_on = self.timestamp
            return aggregate

    class Created(Event, Aggregate.Created):
        def mutate(self, aggregate: Any) -> Any:
            """The library's creation (AggregateCreated.mutate) for an aggregate whose __init__
            is UdsynAggregate's, which takes nothing: the shell, its base init with the event's
            id, version and time, then apply; without matching the event's fields against both
            init signatures. Any other aggregate is created the library's way."""
            cls = resolve_topic(self.originator_topic)
            if aggregate is not None or cls.__init__ is not UdsynAggregate.__init__:
                return Aggregate.Created.mutate(self, aggregate)
            agg = cls.__new__(cls)
            agg.__base_init__(self.originator_id, self.originator_version, self.timestamp)
            self.apply(agg)
            return agg

    def __init__(self) -> None:
        """State is set by the Created event's apply()."""

    # The library's properties the application reads several times per command, by a C-level
    # getter instead of a Python function call each (a test compares them with the library's).
    version = property(attrgetter("_version"), Aggregate.version.fset, doc=Aggregate.version.__doc__)
    pending_events = property(attrgetter("_pending_events"), doc=Aggregate.pending_events.__doc__)

    def collect_events(self) -> list[Any]:
        """The library's: the pending events in order, none left pending; one copy of the list
        instead of popping the events off its front one at a time."""
        collected = self._pending_events.copy()
        self._pending_events.clear()
        return collected

    @classmethod
    def _create_with(cls, event_class: Any, id: UUID, meta: Meta, payload: dict[str, Any]) -> Any:  # noqa: A002
        """_create(event_class, id=id, **meta_fields(meta), **payload), as each of our aggregates is
        created. The payload given as one dict in field order (the usual call), the Created event's
        __dict__ is filled in place and applied as its mutate applies it: passed as keywords, each
        field went through two more dicts and _create's search of its parameters. Anything else
        goes through the library's _create."""
        timestamp, topic = meta.recorded_at, _PLAIN_TOPICS[cls]
        if _CREATED_PAYLOAD[event_class] != tuple(payload) or type(id) is not UUID or timestamp is None or topic is None:
            return cls._create(event_class, id=id, **cls.meta_fields(meta), **payload)
        version = cls.INITIAL_VERSION  # read off the class once: a class attribute is a full lookup each time
        created = object.__new__(event_class)
        state = created.__dict__
        state["originator_id"] = id
        state["originator_version"] = version
        state["timestamp"] = timestamp
        state["originator_topic"] = topic
        store_meta(state, meta)
        state.update(payload)
        agg = cls.__new__(cls)
        agg.__base_init__(id, version, timestamp)
        created.apply(agg)
        agg._pending_events.append(created)
        return agg

    # The attributes that hold containers (exact lists, dicts or sets), where a class names them:
    # its copies copy just those, without asking every attribute its type (most of a copy's cost).
    # A test holds each naming class to it; None: found by type on every copy.
    copied_containers = None

    def __deepcopy__(self, memo: dict[int, Any]) -> UdsynAggregate:
        """A copy for one command: containers are copied, the frozen value objects in them are
        shared (state changes only by replacing them), which is all a copy needs and ~10x cheaper."""
        state = self.__dict__.copy()
        named = self.copied_containers
        if named is not None:
            for name in named:  # measured: cheaper than mapping C-level copies over them
                state[name] = state[name].copy()
        else:
            # The containers are picked out by C-level iterators: a Python loop over every
            # attribute cost more than the copying.
            for name in compress(state.keys(), map(_COPIERS.__getitem__, map(type, state.values()))):
                value = state[name]
                state[name] = _COPIERS[type(value)](value)
        clone = object.__new__(type(self))
        object.__setattr__(clone, "__dict__", state)
        return clone

    @staticmethod
    def meta_fields(meta: Meta, effective: bool = True) -> dict[str, Any]:
        return {
            "timestamp": meta.recorded_at,
            "actor": meta.actor,
            "role": meta.role,
            "command_id": meta.command_id,
            "reason": meta.reason,
            "effective_date": meta.effective_date if effective else None,
            "correction": meta.correction,
        }

    def _record(self, event_class: type[Aggregate.Event], meta: Meta, **payload: Any) -> None:
        """The library's trigger_event for our events, which carry no explicit TOPIC: the next
        event in the sequence, applied, then pending; built in one call, without the library's
        copies of the keyword arguments."""
        timestamp = meta.recorded_at
        if timestamp is None:
            timestamp = event_class.create_timestamp()
        if _RECORDED_PAYLOAD[event_class] == tuple(payload) and type(self._id) is UUID:
            # Every field given, the payload in field order (the usual call): the event's __dict__ filled
            # as its __init__ fills it and applied as its mutate applies it, without the two calls
            # (binding the payload by keyword cost most). Anything else goes the long way below.
            version = self._version + 1
            new_event = object.__new__(event_class)
            state = new_event.__dict__
            state["originator_id"] = self._id
            state["originator_version"] = version
            state["timestamp"] = timestamp
            store_meta(state, meta)
            state.update(payload)
            new_event.apply(self)
            self._version = version
            self._modified_on = timestamp
        else:
            try:
                # The fields every event of ours begins with, passed by position: by keyword, each
                # went through a dict and a search of the parameters (a test holds every event to the order).
                new_event = event_class(
                    self._id, self._version + 1, timestamp,
                    meta.actor, meta.role, meta.command_id, meta.reason, meta.effective_date,
                    correction=meta.correction, **payload,
                )
            except TypeError as e:
                raise TypeError(f"Can't construct event {event_class}: {e}") from None
            new_event.mutate(self)
        self._pending_events.append(new_event)


# The same for the id, set after the class statement: the library refuses an 'id' in an aggregate
# class's own namespace (a field of that name would clash with its id); this one is its property.
UdsynAggregate.id = property(attrgetter("_id"), doc=Aggregate.id.__doc__)  # type: ignore[assignment]

_RECORDED_PAYLOAD = Payloads(RECORDED_FIELDS, UdsynAggregate.Event.mutate)
_CREATED_PAYLOAD = Payloads(CREATED_FIELDS, UdsynAggregate.Created.mutate)
_PLAIN_TOPICS = PlainTopics(UdsynAggregate.__init__)
