"""Aggregates built directly, without an application: the Kalix strategy, its bodies, and a case
brought to any point of its lifecycle."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from itertools import count

import pytest

from domain.base import UdsynAggregate
from domain.meta import Meta
from domain.money import Amount
from domain.organisation import Body
from domain.project import Project
from domain.records import Condition
from domain.strategy import FocusArea, StrategyVersion, Term

REGISTERED_ON = date(2026, 1, 5)
MEETING = date(2026, 1, 15)
APPEAL_ENDS = date(2026, 2, 5)  # MEETING + 21 days
AFTER_APPEAL = date(2026, 2, 10)

COUNCIL = Body("kf", "Kommunfullmäktige", "council")
COMMITTEE = Body("ksau", "Kommunstyrelsens arbetsutskott", "committee")
BOARD = Body("bun", "Barn- och utbildningsnämnden", "board")
OFFICIAL = Body("kommunchef", "Kommunchefen", "official")

KALIX = StrategyVersion(
    version=1,
    adopted_on=date(2007, 11, 26),
    body="kf",
    title="Internationell policy för Kalix kommun",
    vision="Kalix, den attraktiva och framgångsrika kommunen",
    approval_threshold=Decimal("100000"),
    approval_body="ksau",
    external_funding_target=Decimal("0.50"),
    appeal_window_days=21,
    statement_due="01-31",
    focus_areas=[
        FocusArea("utbildning", "Utbildning", "primary"),
        FocusArea("naringsliv", "Näringsliv", "primary"),
        FocusArea("turism", "Turism", "secondary"),
    ],
    target_groups=[Term("skolungdomar", "Skolungdomar"), Term("foretag", "Företag")],
    goals=[Term("kontaktnat", "Rikt internationellt kontaktnät")],
)

_ticks = count()


def meta(
    on: date = REGISTERED_ON, *, actor: str = "olle", role: str = "officer", reason: str | None = None
) -> Meta:
    """A command's circumstances; recorded times strictly increase from one call to the next."""
    n = next(_ticks)
    recorded = datetime(2026, 1, 5, 9, tzinfo=timezone.utc) + timedelta(microseconds=n)
    return Meta(
        actor=actor, role=role, command_id=f"cmd-{n}", recorded_at=recorded, effective_date=on, reason=reason
    )


def sek(value: str) -> Amount:
    return Amount.of(Decimal(value), "SEK", "SEK")


def eur(value: str, rate: str) -> Amount:
    return Amount.of(Decimal(value), "EUR", "SEK", Decimal(rate))


def idea(
    budget: str | None = "50000",
    *,
    focus_areas: list[str] | None = None,
    outside: bool = False,
    strategy: StrategyVersion = KALIX,
    ref: str = "KAL-2026-0001",
) -> Project:
    """A registered idea inside the focus area `utbildning` unless told otherwise."""
    areas = [] if outside else (focus_areas if focus_areas is not None else ["utbildning"])
    return Project.register(
        ref=ref,
        title="Elevutbyte med Pielavesi",
        department="buf",
        focus_areas=areas,
        strategy=strategy,
        meta=meta(),
        budget=sek(budget) if budget is not None else None,
    )


def exploring(budget: str | None = "50000") -> Project:
    project = idea(budget)
    project.explore(meta())
    return project


def awaiting(budget: str | None = "50000", body: Body = BOARD, strategy: StrategyVersion = KALIX) -> Project:
    project = exploring(budget)
    project.submit_for_decision(body, strategy.approval_threshold, meta())
    return project


def decide(
    project: Project,
    outcome: str = "approved",
    *,
    body: Body = BOARD,
    meeting: date = MEETING,
    strategy: StrategyVersion = KALIX,
    **options,
):
    """Record a decision from the minutes of `meeting`, by `body`."""
    return project.decide(
        body=body,
        outcome=outcome,
        meeting_date=meeting,
        item="§ 7",
        strategy=strategy,
        meta=meta(meeting),
        **options,
    )


def with_conditions(*texts: str, due: date = date(2026, 9, 30)) -> list[Condition]:
    return [Condition(text, due) for text in texts]


def approved(budget: str = "50000", body: Body = BOARD, **options) -> Project:
    """Approved at the meeting of 2026-01-15; the appeal window ends 2026-02-05."""
    project = awaiting(budget, body)
    outcome = "approved-with-conditions" if options.get("conditions") else "approved"
    decide(project, outcome, body=body, **options)
    return project


def ready_to_start(budget: str = "50000", **options) -> Project:
    """Approved, funded by the department alone, with one indicator; not yet started."""
    project = approved(budget, **options)
    project.commit_own_contribution(sek(budget), meta(AFTER_APPEAL))
    project.define_indicator("elever", "Elever i utbyte", Decimal(30), None, meta(AFTER_APPEAL))
    return project


def executing(budget: str = "50000", **options) -> Project:
    """Started on 2026-02-10, after the appeal window."""
    project = ready_to_start(budget, **options)
    project.start(meta(AFTER_APPEAL))
    return project


def revised(strategy: StrategyVersion, *, version: int, adopted_on: date, **changes) -> StrategyVersion:
    return replace(strategy, version=version, adopted_on=adopted_on, **changes)


def refused(
    aggregate: UdsynAggregate, error: type[Exception], command, match: str | None = None
) -> Exception:
    """Run a command the aggregate must refuse; it must record no event and keep its version."""
    aggregate.collect_events()
    version = aggregate.version
    with pytest.raises(error, match=match) as raised:
        command()
    assert aggregate.version == version
    assert aggregate.collect_events() == []
    return raised.value
