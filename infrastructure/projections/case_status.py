"""A case's status as its events alone tell it, for read models that follow projects without
loading them (mirrors the lifecycle in domain/project.py; a test holds the two together)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Connection, update

from infrastructure.projections.base import Batch

from domain.project import (
    APPROVED,
    AWAITING,
    COMPLETED,
    EXECUTING,
    EXPLORATION,
    IDEA,
    REJECTED,
    WITHDRAWN,
    Project,
)
from domain.records import APPROVING

PLAIN = {
    Project.Registered: IDEA,
    Project.ExplorationStarted: EXPLORATION,
    Project.SubmittedForDecision: AWAITING,
    Project.Withdrawn: WITHDRAWN,
    Project.ExecutionStarted: EXECUTING,
    Project.Completed: COMPLETED,
}
AFTER_APPROVAL = {"rejected": REJECTED, "returned": EXPLORATION}


def status_after(event: Any) -> str | None:
    """The status a project has after `event`, or None when the event leaves it unchanged."""
    if type(event) in PLAIN:
        return PLAIN[type(event)]
    if isinstance(event, Project.DecisionRecorded):
        d = event.decision
        if d.purpose == "mandate":
            return REJECTED if d.outcome == "rejected" else None
        if d.purpose == "approval":
            return APPROVED if d.outcome in APPROVING else AFTER_APPROVAL.get(d.outcome)
    return None


def latest_statuses(batch: list[Any]) -> dict[Any, str]:
    """Each project's status after the batch, for those whose status changed in it (by project id,
    in the order the events that changed them come). Worked out once per batch for every view that
    asks, from the events that can change a status only (see Batch.by_topic)."""
    batch = Batch.of(batch)
    found = batch.__dict__.get(_LATEST)
    if found is not None:
        return found
    changes = []
    for group in batch.by_topic.values():
        event = group[0].event  # every event of a topic is of its class
        if type(event) in PLAIN:  # by exact type, as status_after
            status = PLAIN[type(event)]
            changes += [(envelope, status) for envelope in group]
        elif isinstance(event, Project.DecisionRecorded):
            changes += [(envelope, status_after(envelope.event)) for envelope in group]
    changes.sort(key=_by_position)
    found = batch.__dict__[_LATEST] = {e.originator_id: s for e, s in changes if s is not None}
    return found


_LATEST = "_latest_statuses"


def _by_position(change: tuple[Any, str | None]) -> int:
    return change[0].position


def write_statuses(conn: Connection, column: Column, status: Column, statuses: dict[Any, str]) -> None:
    """One UPDATE per status, not per event: rows whose `column` is a project id take its status."""
    by_status: dict[str, list[Any]] = {}
    for project_id, value in statuses.items():
        by_status.setdefault(value, []).append(project_id)
    for value, ids in by_status.items():
        conn.execute(update(column.table).where(column.in_(ids)).values({status.name: value}))
