"""The partnerships read model (SPEC §4): partners with their status, status history, contacts and
the projects that name them, with each project's current status."""
from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger, Column, Connection, Date, Index, Integer, String, Table, Text, Uuid, delete, insert, update,
)

from domain.partnership import Partnership
from domain.project import Project
from infrastructure.projections.base import METADATA, Batch, Envelope
from infrastructure.projections.case_status import latest_statuses, status_after, write_statuses

PARTNERSHIPS = Table(
    "partnerships", METADATA,
    Column("key", String(40), primary_key=True),
    Column("partnership_id", Uuid, nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("country", String(2), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("established", String(10)),
    Column("description", Text, nullable=False),
    Column("status", String(12), nullable=False),
    Column("status_since", Date, nullable=False),
    Column("status_reason", Text),
    Column("position", BigInteger, nullable=False),  # the last event applied to the row
)
STATUS_HISTORY = Table(
    "partnership_status_history", METADATA,
    Column("key", String(40), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("status", String(12), nullable=False),
    Column("since", Date, nullable=False),
    Column("reason", Text),
    Column("actor", String(64), nullable=False),
    Column("position", BigInteger, nullable=False),
)
CONTACTS = Table(
    "partnership_contacts", METADATA,
    Column("key", String(40), primary_key=True),
    Column("name", String(300), primary_key=True),
    Column("title", String(200)),
    Column("email", String(300)),
    Column("phone", String(40)),
)
PARTNER_PROJECTS = Table(
    "partnership_projects", METADATA,
    Column("key", String(40), primary_key=True),
    Column("project_ref", String(20), primary_key=True),
    Column("project_id", Uuid, nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("project_status", String(20), nullable=False),
    Column("registered_on", Date),
)


class PartnershipsProjection:
    """Partners, their status history and contacts, and the projects per partner (R10)."""

    name: ClassVar[str] = "partnerships"
    tables: ClassVar[tuple[Table, ...]] = (PARTNERSHIPS, STATUS_HISTORY, CONTACTS, PARTNER_PROJECTS)
    write_indexes: ClassVar[tuple[Index, ...]] = tuple(PARTNER_PROJECTS.indexes)  # write_statuses finds rows by it

    def apply(self, conn: Connection, batch: list[Envelope]) -> None:
        batch = Batch.of(batch)
        named = []
        for envelope in batch.of_kind((Partnership.Event, Project.Registered)):
            e = envelope.event
            if isinstance(e, Partnership.Event):
                self._partnership(conn, envelope, e)
            elif isinstance(e, Project.Registered):
                named += [{"key": key, "project_ref": e.ref, "project_id": envelope.originator_id, "title": e.title,
                           "project_status": status_after(e), "registered_on": e.effective_date}
                          for key in dict.fromkeys(e.partners)]
        if named:  # one statement per batch, then one per status: a row per event is far slower
            conn.execute(insert(PARTNER_PROJECTS), named)
        write_statuses(conn, PARTNER_PROJECTS.c.project_id, PARTNER_PROJECTS.c.project_status,
                       latest_statuses(batch))

    def _partnership(self, conn: Connection, envelope: Envelope, e: Any) -> None:
        if isinstance(e, Partnership.Added):
            conn.execute(insert(PARTNERSHIPS).values(
                key=e.key, partnership_id=envelope.originator_id, name=e.name, country=e.country, kind=e.kind,
                established=e.established, description=e.description, status=e.status.status,
                status_since=e.status.on, status_reason=e.status.reason, position=envelope.position))
            self._history(conn, e.key, 1, e.status, e.actor, envelope.position)
            return
        key = conn.execute(PARTNERSHIPS.select().with_only_columns(PARTNERSHIPS.c.key)
                           .where(PARTNERSHIPS.c.partnership_id == envelope.originator_id)).scalar_one()
        if isinstance(e, Partnership.StatusChanged):
            conn.execute(update(PARTNERSHIPS).where(PARTNERSHIPS.c.key == key).values(
                status=e.change.status, status_since=e.change.on, status_reason=e.change.reason,
                position=envelope.position))
            self._history(conn, key, envelope.version, e.change, e.actor, envelope.position)
        elif isinstance(e, Partnership.ContactAdded):
            c = e.contact
            conn.execute(insert(CONTACTS).values(key=key, name=c.name, title=c.title, email=c.email, phone=c.phone))
        elif isinstance(e, Partnership.ContactRemoved):
            conn.execute(delete(CONTACTS).where(CONTACTS.c.key == key, CONTACTS.c.name == e.name))

    @staticmethod
    def _history(conn: Connection, key: str, seq: int, change: Any, actor: str, position: int) -> None:
        conn.execute(insert(STATUS_HISTORY).values(key=key, seq=seq, status=change.status, since=change.on,
                                                   reason=change.reason, actor=actor, position=position))
