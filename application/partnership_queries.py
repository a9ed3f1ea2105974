"""Read-side use cases on the contact network: list partners, show one with its projects."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from application.authorisation import READ
from application.commands import models
from application.partnership_commands import PartnershipCommands
from application.queries import Queries
from domain.project import Project

if TYPE_CHECKING:
    from domain.partnership import Partnership

c = models("partner")


@dataclass(frozen=True)
class PartnerView:
    """A partner with the projects that name it, oldest registration first."""

    partnership: Partnership
    projects: list[Project]


class PartnershipQueries(PartnershipCommands, Queries):
    def list_partners(self, actor: str, **filters: Any) -> list[Partnership]:
        """Partners in registration order, filtered by country, status or kind."""
        f = c.PartnerFilter.parse(**filters)
        self.authorised(actor, READ)
        return [
            p for p in (self.repository.get(i) for i in self.partnership_ids())
            if (f.country is None or p.country == f.country)
            and (f.status is None or p.status == f.status)
            and (f.kind is None or p.kind == f.kind)
        ]

    def show_partner(self, actor: str, key: str) -> PartnerView:
        """A partner: its status history, contact persons and the projects that involve it."""
        self.authorised(actor, READ)
        partnership = self.load_partnership(key)
        return PartnerView(partnership, self.projects_naming(key))

    def projects_naming(self, key: str) -> list[Project]:
        return [p for p in (self.repository.get(i) for i in self.project_ids()) if key in p.partners]

    def partnership_ids(self) -> list[UUID]:
        """Every partner, in registration order (from the notification log)."""
        from domain.partnership import Partnership

        topic = self.topic_of(Partnership.Added)
        ids, start = [], 1
        while True:
            batch = self.recorder.select_notifications(start, 1000, topics=[topic])
            ids += [n.originator_id for n in batch]
            if len(batch) < 1000:
                return [i if isinstance(i, UUID) else UUID(str(i)) for i in ids]
            start = batch[-1].id + 1
