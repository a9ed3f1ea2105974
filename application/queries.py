"""Read-side use cases over the event store: show, replay, history, list."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from application.app import UdsynCore
from application.authorisation import READ
from domain.errors import InvalidInput, NotFound
from domain.project import Project


@dataclass(frozen=True)
class HistoryEntry:
    version: int
    recorded_at: datetime
    effective_date: date | None
    event: str
    actor: str
    role: str
    reason: str | None
    command_id: str
    payload: dict[str, Any]


BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "originator_topic",
               "actor", "role", "command_id", "reason", "effective_date", "correction"}


class Queries(UdsynCore):
    def show_project(
        self, actor: str, ref: str, version: int | None = None, as_of: datetime | None = None
    ) -> Project:
        """The case now, at a version, or as the system knew it at a recorded time."""
        self.authorised(actor, READ)
        if as_of is not None:
            version = self._version_as_of(ref, as_of)
        project = self.load_project(ref, version=version)
        if version is not None and project.version != version:
            raise NotFound(f"{project.ref} has no version {version} (latest is {project.version})")
        return project

    def _version_as_of(self, ref: str, as_of: datetime) -> int:
        version = None
        for event in self.events.get(self.resolve_ref(ref)):
            if event.timestamp > as_of:
                break
            version = event.originator_version
        if version is None:
            self.load_project(ref)
            raise NotFound(f"project '{ref}' was not yet registered at {as_of.isoformat()}")
        return version

    def history(self, actor: str, ref: str) -> list[HistoryEntry]:
        """Every event of the case, oldest first, with who, when and why."""
        self.authorised(actor, READ)
        project_id = self.load_project(ref).id
        return [
            HistoryEntry(
                version=e.originator_version,
                recorded_at=e.timestamp,
                effective_date=e.effective_date,
                event=type(e).__name__,
                actor=e.actor,
                role=e.role,
                reason=e.reason,
                command_id=e.command_id,
                payload={k: v for k, v in vars(e).items() if k not in BASE_FIELDS},
            )
            for e in self.events.get(project_id)
        ]

    def project_ids(self) -> list[UUID]:
        """Every registered project, in registration order (from the notification log)."""
        topic = self.topic_of(Project.Registered)
        ids, start = [], 1
        while True:
            batch = self.recorder.select_notifications(start, 1000, topics=[topic])
            ids += [n.originator_id for n in batch]
            if len(batch) < 1000:
                return [i if isinstance(i, UUID) else UUID(str(i)) for i in ids]
            start = batch[-1].id + 1

    def list_projects(
        self,
        actor: str,
        status: str | None = None,
        department: str | None = None,
        board: str | None = None,
        focus_area: str | None = None,
        overdue: bool = False,
        today: date | None = None,
    ) -> list[Project]:
        """Projects filtered by status, department, board, focus area or overdue obligations."""
        org, _ = self.authorised(actor, READ)
        if board is not None and board not in org.bodies:
            raise InvalidInput("board", f"no board '{board}'")
        today = today or self.clock.now().date()
        selected = []
        for pid in self.project_ids():
            p = self.get(pid)
            if status and p.status != status:
                continue
            if department and p.department != department:
                continue
            if board and org.departments[p.department].board != board:
                continue
            if focus_area and focus_area not in p.focus_areas:
                continue
            if overdue and not p.overdue_obligations(today):
                continue
            selected.append(p)
        return selected
