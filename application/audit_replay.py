"""Bitemporal replay of a case: what was true on a business date, and what each event changed."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.project import Project

Event = Project.Event


def effective_day(event: Event) -> date:
    """The business date of an event; one without its own is effective when it was recorded."""
    return getattr(event, "effective_date", None) or event.timestamp.date()


@dataclass
class EffectiveReplay:
    """A case rebuilt from the events effective on or before `day`, in the order they were recorded."""

    project: Project
    day: date
    applied: list[int] = field(default_factory=list)
    later: list[int] = field(default_factory=list)  # recorded, but effective after `day`
    unappliable: list[int] = field(default_factory=list)  # depend on a fact effective after `day`


def replay_effective_on(events: Sequence[Event], day: date, known_at: datetime | None = None) -> EffectiveReplay | None:
    """None if the case was not registered (effective) on `day`, or not yet recorded at `known_at`."""
    events = [e for e in events if known_at is None or e.timestamp <= known_at]
    if not events or effective_day(events[0]) > day:
        return None
    project = events[0].mutate(None)
    replay = EffectiveReplay(project, day, applied=[events[0].originator_version])
    for event in events[1:]:
        if effective_day(event) > day:
            replay.later.append(event.originator_version)
            continue
        try:
            event.apply(project)
        except (KeyError, AttributeError, TypeError):
            # e.g. a grant effective before the application it grants: leave it out, and say so
            replay.unappliable.append(event.originator_version)
            continue
        project.version, project.modified_on = event.originator_version, event.timestamp
        replay.applied.append(event.originator_version)
    return replay


def state_of(p: Project) -> dict[str, str]:
    """The case as flat, comparable text, so that one event's change reads as `field: before → after`."""
    state = {
        "status": p.status, "title": p.title, "department": p.department,
        "focus areas": ", ".join(p.focus_areas) or "none (outside the strategy)",
        "budget": _text(p.budget), "mandate": "yes" if p.has_mandate else "",
        "ceiling": _text(p.ceiling), "in force on": _text(p.in_force_on), "appeal ends": _text(p.appeal_ends),
        "own contribution": _text(p.own_contribution), "spent": _text(p.spent) if p.expenditures else "",
        "expenditures": str(p.expenditures) if p.expenditures else "", "decisions": str(len(p.decisions) or ""),
        "started on": _text(p.started_on), "completed on": _text(p.completed_on), "lessons": p.lessons or "",
    }
    if p.decisions:
        d = p.decisions[-1]
        state["last decision"] = f"{d.outcome} by {d.body} on {d.meeting_date} {d.item}"
    for key, o in p.obligations.items():
        state[f"obligation {key}"] = f"fulfilled {o.fulfilled_on}" if o.fulfilled_on else f"open, due {o.due}"
    for key, a in p.applications.items():
        granted = f", granted {a.granted}" if a.granted else ""
        received = f", received {a.received}" if a.received else ""
        state[f"application {key}"] = f"{a.status}: {a.programme} {a.applied}{granted}{received}"
    for key, i in p.indicators.items():
        state[f"indicator {key}"] = f"{i.latest if i.latest is not None else 'unmeasured'} of {i.target}"
    for year, s in p.statements.items():
        state[f"statement {year}"] = f"submitted {s.submitted_on}"
    return {k: v for k, v in state.items() if v}


def changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """`field: before → after` for each field an event changed (– where there was nothing)."""
    return [
        f"{key}: {before.get(key, '–')} → {after.get(key, '–')}"
        for key in dict.fromkeys([*before, *after])
        if before.get(key) != after.get(key)
    ]


def _text(value: object) -> str:
    return "" if value is None else str(value)
