"""A case's status as its events alone tell it, for read models that follow projects without
loading them (mirrors the lifecycle in domain/project.py; a test holds the two together)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Connection, update

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
    """Each project's status after the batch, for those whose status changed in it (by project id)."""
    found: dict[Any, str] = {}
    for envelope in batch:
        event = envelope.event
        status = PLAIN.get(type(event))  # the common case, one lookup; decisions need a look inside
        if status is None and isinstance(event, Project.DecisionRecorded):
            status = status_after(event)
        if status is not None:
            found[envelope.originator_id] = status
    return found


def write_statuses(conn: Connection, column: Column, status: Column, statuses: dict[Any, str]) -> None:
    """One UPDATE per status, not per event: rows whose `column` is a project id take its status."""
    by_status: dict[str, list[Any]] = {}
    for project_id, value in statuses.items():
        by_status.setdefault(value, []).append(project_id)
    for value, ids in by_status.items():
        conn.execute(update(column.table).where(column.in_(ids)).values({status.name: value}))
