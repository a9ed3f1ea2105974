"""Read-side use cases over the event store: show, replay, history, list."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from application.app import UdsynCore
from application.authorisation import READ
from domain.errors import InvalidInput, NotFound
from domain.project import Project

if TYPE_CHECKING:  # the replays load where a history or a business date is asked for, not to show a case
    from application.audit_replay import EffectiveReplay


@dataclass(frozen=True)
class HistoryEntry:
    position: int | None
    version: int
    recorded_at: datetime
    effective_date: date | None
    event: str
    actor: str
    role: str
    reason: str | None
    command_id: str
    payload: dict[str, Any]
    changes: list[str]


BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "originator_topic",
               "actor", "role", "command_id", "reason", "effective_date", "correction"}


class Queries(UdsynCore):
    def show_project(
        self,
        actor: str,
        ref: str,
        version: int | None = None,
        as_of: datetime | None = None,
        effective_on: date | None = None,
    ) -> Project:
        """The case now, at a version, as the system knew it at a recorded time, or as it was
        on a business date (including facts registered later)."""
        if effective_on is not None:
            return self.replay_effective_on(actor, ref, effective_on, as_of).project
        self.authorised(actor, READ)
        if as_of is not None:
            version = self._version_as_of(ref, as_of)
        project = self.load_project(ref)
        if version is None:
            return project
        if not 1 <= version <= project.version:
            raise NotFound(f"{project.ref} has no version {version} (latest is {project.version})")
        return self._replayed(project.id, version)

    def _replayed(self, project_id: Any, version: int) -> Project:
        """The case at `version`, replayed from its events alone: an auditor's replay never rests on
        a snapshot, which is a cache outside the audit chain."""
        replayed = None
        for event in self.events.get(project_id, lte=version):
            replayed = event.mutate(replayed)
        return replayed

    def replay_effective_on(
        self, actor: str, ref: str, day: date, as_of: datetime | None = None
    ) -> EffectiveReplay:
        """What was true on business date `day` (as known at `as_of`, default now): every event
        effective on or before it, recorded then or later, applied in recorded order."""
        self.authorised(actor, READ)
        project = self.load_project(ref)
        from application.audit_replay import replay_effective_on

        replay = replay_effective_on(list(self.events.get(project.id)), day, as_of)
        if replay is None:
            known = f" as known at {as_of.isoformat()}" if as_of else ""
            raise NotFound(f"{project.ref} was not yet registered on {day}{known}")
        return replay

    def _version_as_of(self, ref: str, as_of: datetime) -> int:
        """The last version recorded at or before `as_of`: recorded times rise with the version,
        so a binary search reads a handful of events, not the whole case."""
        project_id = self.resolve_ref(ref)
        latest = self.recorder.select_events(project_id, desc=True, limit=1)
        if not latest:
            self.load_project(ref)
        low, high, found = 1, latest[0].originator_version, None
        while low <= high:
            middle = (low + high) // 2
            stored = self.recorder.select_events(project_id, gt=middle - 1, lte=middle)
            if self.mapper.to_domain_event(stored[0]).timestamp <= as_of:
                found, low = middle, middle + 1
            else:
                high = middle - 1
        if found is None:
            raise NotFound(f"project '{ref}' was not yet registered at {as_of.isoformat()}")
        return found

    def history(self, actor: str, ref: str) -> list[HistoryEntry]:
        """Every event of the case, oldest first: position, when recorded and effective, who, why,
        and what it changed."""
        from application.audit_replay import changes, state_of

        self.authorised(actor, READ)
        project_id = self.load_project(ref).id
        positions = self.positions_of(project_id)
        entries, project, before = [], None, {}
        for e in self.events.get(project_id):
            project = e.mutate(project)
            after = state_of(project)
            entries.append(HistoryEntry(
                position=positions.get(e.originator_version),
                version=e.originator_version,
                recorded_at=e.timestamp,
                effective_date=e.effective_date,
                event=type(e).__name__,
                actor=e.actor,
                role=e.role,
                reason=e.reason,
                command_id=e.command_id,
                payload={k: v for k, v in vars(e).items() if k not in BASE_FIELDS},
                changes=changes(before, after),
            ))
            before = after
        return entries

    def positions_of(self, originator_id: UUID) -> dict[int, int]:
        """version → position in the notification log, for one aggregate."""
        if hasattr(self.recorder, "positions_of"):
            return self.recorder.positions_of(originator_id)
        found, start = {}, 1
        while batch := self.recorder.select_notifications(start, 1000):
            found |= {n.originator_version: n.id for n in batch if n.originator_id == originator_id}
            start = batch[-1].id + 1
        return found

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
