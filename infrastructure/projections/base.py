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


class Batch(list):
    """Envelopes in stream order, as the runner hands them to every view, with the questions
    several views ask of a batch answered once for all of them, each on first use: which events
    are of which kind, which projects the batch touches. A view given a plain list (a test, say)
    gets the same answers through `Batch.of`, worked out for it alone."""

    @classmethod
    def of(cls, envelopes: list[Envelope]) -> Batch:
        return envelopes if isinstance(envelopes, Batch) else cls(envelopes)

    @cached_property
    def by_topic(self) -> dict[str, list[Envelope]]:
        """Each topic's envelopes, in stream order (topics in order of first appearance)."""
        groups: dict[str, list[Envelope]] = {}
        for envelope in self:
            group = groups.get(envelope.topic)
            if group is None:
                groups[envelope.topic] = [envelope]
            else:
                group.append(envelope)
        return groups

    def of_topic(self, topic: str) -> list[Envelope]:
        """The envelopes of one topic, in stream order (do not modify: it is shared)."""
        return self.by_topic.get(topic, _NONE)

    def of_kind(self, kinds: type | tuple[type, ...]) -> list[Envelope]:
        """The envelopes whose event is an instance of `kinds` (isinstance, subclasses too), in
        stream order. One isinstance per topic: every event of a topic is of the topic's class."""
        groups = [group for group in self.by_topic.values() if isinstance(group[0].event, kinds)]
        if not groups:
            return _NONE
        if len(groups) == 1:
            return groups[0]
        return sorted((e for group in groups for e in group), key=_position)

    @cached_property
    def project_ids(self) -> dict[str, UUID]:
        """The id (as text, and as the UUID) of every project a project event of the batch names
        (keyed by the text; in no order a caller should rely on)."""
        ids: dict[str, UUID] = {}
        for topic, group in self.by_topic.items():
            if topic.startswith(PROJECT_TOPIC):
                for envelope in group:
                    ids[envelope.aggregate_id] = envelope.originator_id
        return ids

    @cached_property
    def project_events(self) -> list[Envelope]:
        """The envelopes of project events, in stream order."""
        return [e for e in self if e.topic.startswith(PROJECT_TOPIC)]


PROJECT_TOPIC = "domain.project:Project."  # the topic of every project event; case_refs.py holds it to the class
_NONE: list[Envelope] = []


def _position(envelope: Envelope) -> int:
    return envelope.position


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
