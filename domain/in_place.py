"""What building an event in place takes (UdsynAggregate._record and _create_with): the fields every
event begins with, storing a Meta's, and, per event or aggregate class, whether it may be built so.
Filling an event's __dict__ in field order is what its fast __init__ (domain.frozen_init) does; doing
it in the aggregate method saves the type call and the binding of every field by keyword."""
from __future__ import annotations

import dataclasses
from typing import Any

from eventsourcing.utils import get_topic

from domain.frozen_init import settled_init
from domain.meta import Meta

META_FIELDS = ("actor", "role", "command_id", "reason", "effective_date", "correction")  # read off a Meta
RECORDED_FIELDS = ("originator_id", "originator_version", "timestamp", *META_FIELDS)
CREATED_FIELDS = ("originator_id", "originator_version", "timestamp", "originator_topic", *META_FIELDS)


def store_meta(state: dict[str, Any], meta: Meta) -> None:
    """An event's META_FIELDS stored in its __dict__, in order (a store each: zip over an attrgetter cost more)."""
    state["actor"] = meta.actor
    state["role"] = meta.role
    state["command_id"] = meta.command_id
    state["reason"] = meta.reason
    state["effective_date"] = meta.effective_date
    state["correction"] = meta.correction


class Payloads(dict):
    """Per event class: the names of its fields after `leading`, in order, where it may be built and
    applied in place: its __init__ only stores (frozen_init's fast init), its fields begin with
    `leading`, and its mutate is `mutate` (the one the in-place path stands for). Else None."""

    def __init__(self, leading: tuple[str, ...], mutate: Any) -> None:
        super().__init__()
        self.leading, self.mutate = leading, mutate

    def __missing__(self, event_class: type) -> tuple[str, ...] | None:
        if not dataclasses.is_dataclass(event_class):  # not an event at all: its call raises as before
            self[event_class] = None
            return None
        names = tuple(f.name for f in dataclasses.fields(event_class))
        fits = names[:len(self.leading)] == self.leading and event_class.mutate is self.mutate
        payload = names[len(self.leading):] if fits and hasattr(settled_init(event_class), "dataclass_init") else None
        self[event_class] = payload
        return payload


class PlainTopics(dict):
    """Per aggregate class: its topic where it may be created in place (it names no explicit TOPIC,
    which the library's _create checks, and its __init__ is `plain_init`, which takes nothing); else None."""

    def __init__(self, plain_init: Any) -> None:
        super().__init__()
        self.plain_init = plain_init

    def __missing__(self, cls: type) -> str | None:
        plain = not getattr(cls, "TOPIC", None) and cls.__init__ is self.plain_init
        topic = self[cls] = get_topic(cls) if plain else None
        return topic
