"""The contract every read model meets, so one runner can keep them all current.

A projection owns SQLAlchemy tables on `METADATA` (created in the event store's own database) and
turns a batch of events, in notification order, into row writes on the connection it is given.
The runner commits those writes and the projection's tracking position in one transaction, so a
crash never loses or double-counts an event; rebuilding from position 0 gives the same rows."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from datetime import date, datetime
from typing import Any, ClassVar, Protocol
from uuid import UUID

from sqlalchemy import Connection, MetaData, Table

METADATA = MetaData()


@dataclass(frozen=True)
class Envelope:
    """One stored event as a projection sees it: its place in the log and the decoded event."""

    position: int  # the notification id: the event's place in the whole stream
    originator_id: UUID
    version: int  # the originator version
    topic: str
    state: bytes  # the stored bytes (what the audit hash chain covers)
    event: Any  # the decoded domain event: .actor, .role, .reason, .effective_date, .timestamp, payload

    @classmethod
    def read(cls, position: int, originator_id: UUID, aggregate_id: str, version: int, topic: str, state: bytes,
             event: Any) -> Envelope:
        """The envelope as the reader makes it, a hundred thousand times a second: the fields and the
        two derived names set at once, without the frozen dataclass's per-field __init__."""
        envelope = object.__new__(cls)
        object.__setattr__(envelope, "__dict__", {
            "position": position, "originator_id": originator_id, "version": version, "topic": topic,
            "state": state, "event": event, "aggregate_id": aggregate_id, "event_type": _event_type(topic),
        })
        return envelope

    @cached_property
    def aggregate_id(self) -> str:
        """The originator id as text, as the views store it (worked out once per event, not per view)."""
        return str(self.originator_id)

    @cached_property
    def event_type(self) -> str:
        return _event_type(self.topic)

    @property
    def recorded_at(self) -> datetime:
        return self.event.timestamp

    @property
    def effective_date(self) -> date | None:
        return getattr(self.event, "effective_date", None)


@lru_cache(maxsize=None)
def _event_type(topic: str) -> str:
    """"Project.Registered" for "domain.project:Project.Registered"."""
    return topic.rsplit(":", 1)[-1]


class Projection(Protocol):
    """A read model: a name for the CLI (`projections rebuild NAME`), its tables, and apply()."""

    name: ClassVar[str]
    tables: ClassVar[tuple[Table, ...]]

    def apply(self, conn: Connection, batch: list[Envelope]) -> None:
        """Write the rows these events imply; never commit (the runner does, with the position)."""
        ...
