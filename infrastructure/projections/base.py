"""The contract every read model meets, so one runner can keep them all current.

A projection owns SQLAlchemy tables on `METADATA` (created in the event store's own database) and
turns a batch of events, in notification order, into row writes on the connection it is given.
The runner commits those writes and the projection's tracking position in one transaction, so a
crash never loses or double-counts an event; rebuilding from position 0 gives the same rows."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
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

    @cached_property
    def aggregate_id(self) -> str:
        """The originator id as text, as the views store it (worked out once per event, not per view)."""
        return str(self.originator_id)

    @cached_property
    def event_type(self) -> str:
        return self.topic.rsplit(":", 1)[-1]

    @property
    def recorded_at(self) -> datetime:
        return self.event.timestamp

    @property
    def effective_date(self) -> date | None:
        return getattr(self.event, "effective_date", None)


class Projection(Protocol):
    """A read model: a name for the CLI (`projections rebuild NAME`), its tables, and apply()."""

    name: ClassVar[str]
    tables: ClassVar[tuple[Table, ...]]

    def apply(self, conn: Connection, batch: list[Envelope]) -> None:
        """Write the rows these events imply; never commit (the runner does, with the position)."""
        ...
