"""`audit trail`: one row per stored event, read straight from the event store, with its chain link."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from application.authorisation import READ
from application.app import UdsynCore
from application.queries import BASE_FIELDS
from domain.errors import InvalidInput
from domain.project import Project

PAGE = 1000


@dataclass(frozen=True)
class TrailRow:
    position: int
    recorded_at: datetime
    effective_date: date | None
    aggregate: str
    ref: str | None
    event: str
    actor: str | None
    role: str | None
    reason: str | None
    chain: str | None
    payload: dict[str, Any]


class AuditTrail(UdsynCore):
    def trail(
        self,
        actor: str,
        project: str | None = None,
        by: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Iterator[TrailRow]:
        """Every event in position order, filtered by case, acting user and recorded date (inclusive)."""
        org, _ = self.authorised(actor, READ)
        if since and until and since > until:
            raise InvalidInput("from", f"{since} is after --to {until}")
        if by is not None:
            org.user(by)  # an unknown user is not found (exit 4), not an empty trail
        only = self.load_project(project).id if project else None
        return self._rows(only, by, since, until)

    def _rows(self, only: UUID | None, by: str | None, since: date | None, until: date | None) -> Iterator[TrailRow]:
        refs: dict[UUID, str] = {}
        registered = self.topic_of(Project.Registered)
        links = getattr(self.recorder, "links_between", None)
        start = 1
        while batch := self.recorder.select_notifications(start, PAGE):
            start = batch[-1].id + 1
            chain = links(batch[0].id, batch[-1].id) if links else {}
            for n in batch:
                originator = n.originator_id if isinstance(n.originator_id, UUID) else UUID(str(n.originator_id))
                if only is not None and originator != only:
                    continue
                e = self.mapper.to_domain_event(n)
                if n.topic == registered:
                    refs[originator] = e.ref
                when = e.timestamp.date()
                if (since and when < since) or (until and when > until) or (by and getattr(e, "actor", None) != by):
                    continue
                aggregate, _, name = type(e).__qualname__.rpartition(".")
                link = chain.get(n.id)
                yield TrailRow(
                    position=n.id, recorded_at=e.timestamp, effective_date=getattr(e, "effective_date", None),
                    aggregate=aggregate or "?", ref=refs.get(originator), event=name,
                    actor=getattr(e, "actor", None), role=getattr(e, "role", None), reason=getattr(e, "reason", None),
                    chain=link.hex() if link else None,
                    payload={k: v for k, v in vars(e).items() if k not in BASE_FIELDS},
                )
