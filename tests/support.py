"""Shared set-up for tests: a Kalix-like organisation and strategy, and event counting."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from application.clock import FixedClock
from application.context import Context
from application.service import Udsyn
from infrastructure.database import parse_url

STRATEGY: dict[str, Any] = {
    "title": "Internationell policy för Kalix kommun",
    "vision": "Kalix, den attraktiva och framgångsrika kommunen",
    "approval_threshold": "100000",
    "approval_body": "ksau",
    "external_funding_target": "0.50",
    "appeal_window_days": 21,
    "statement_due": "01-31",
    "focus_areas": [
        {"key": "utbildning", "name": "Utbildning", "priority": "primary"},
        {"key": "naringsliv", "name": "Näringsliv", "priority": "primary"},
        {"key": "turism", "name": "Turism", "priority": "secondary"},
    ],
    "target_groups": [{"key": "skolungdomar", "name": "Skolungdomar"}, {"key": "foretag", "name": "Företag"}],
    "goals": [{"key": "kontaktnat", "name": "Rikt internationellt kontaktnät"}],
}

ADMIN, OFFICER, OTHER_OFFICER, AUDITOR, REPORTER = "anna", "olle", "stina", "revisor", "rapport"
START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


OPENED: list[Udsyn] = []  # closed after each test (tests/conftest.py), so pools don't pile up


def make_app(url: str = "memory://", clock: FixedClock | None = None) -> Udsyn:
    app = Udsyn(env=parse_url(url).env, clock=clock or FixedClock(START))
    OPENED.append(app)
    return app


def close_opened_apps() -> None:
    while OPENED:
        OPENED.pop().close()


def ctx(actor: str = OFFICER, on: date | None = None, command_id: str | None = None, reason: str | None = None) -> Context:
    return Context(actor=actor, command_id=command_id, reason=reason, on=on)


def set_up_kalix(app: Udsyn, strategy: dict[str, Any] | None = None) -> None:
    """Organisation, bodies (political and an official), two departments, users of every role."""
    a = ctx(ADMIN)
    app.init(a, municipality="Kalix kommun", code="KAL", country="SE", currency="SEK", language="sv")
    app.add_body(a, key="kf", name="Kommunfullmäktige", kind="council")
    app.add_body(a, key="ksau", name="Kommunstyrelsens arbetsutskott", kind="committee")
    app.add_body(a, key="bun", name="Barn- och utbildningsnämnden", kind="board")
    app.add_body(a, key="ks", name="Kommunstyrelsen", kind="board")
    app.add_body(a, key="kommunchef", name="Kommunchefen", kind="official")
    app.add_department(a, key="buf", name="Barn- och utbildningsförvaltningen", board="bun")
    app.add_department(a, key="kf-adm", name="Kommunledningsförvaltningen", board="ks")
    app.add_user(a, name=OFFICER, role="officer", department=["buf"])
    app.add_user(a, name=OTHER_OFFICER, role="officer", department=["kf-adm"])
    app.add_user(a, name=AUDITOR, role="auditor")
    app.add_user(a, name=REPORTER, role="reporter")
    app.adopt_strategy(a, strategy or STRATEGY, body="kf", date=date(2007, 11, 26))


def register(app: Udsyn, budget: str | None = "50000", on: date | None = None, **overrides: Any) -> str:
    values = {"title": "Elevutbyte med Pielavesi", "department": "buf", "focus_area": ["utbildning"]}
    values.update(overrides)
    return app.register_project(ctx(on=on), budget=budget, **values)["ref"]


def approved_project(app: Udsyn, budget: str = "50000", body: str = "bun") -> str:
    """A project registered, explored and submitted on 2026-01-05 and approved on 2026-01-15 (its
    appeal window ends 2026-02-05), whatever the clock reads: no step precedes the one before it."""
    day = date(2026, 1, 5)
    ref = register(app, budget=budget, on=day)
    app.explore(ctx(on=day), ref)
    app.submit(ctx(on=day), ref, body=body)
    app.decide(ctx(), ref, body=body, outcome="approved", meeting_date=date(2026, 1, 15), item="§ 7")
    return ref


def approve_with_a_condition(app: Udsyn, ref: str) -> None:
    """Explore, submit to bun and approve on 2026-01-15 (§ 7) with one condition: obligation O1,
    a report to KSAU due 2026-09-30."""
    app.explore(ctx(on=date(2026, 1, 9)), ref)
    app.submit(ctx(on=date(2026, 1, 10)), ref, body="bun")
    app.decide(ctx(), ref, body="bun", outcome="approved-with-conditions", meeting_date=date(2026, 1, 15),
               item="§ 7", case_number="BUN 2026/31", condition=["Rapport till KSAU"],
               condition_due=[date(2026, 9, 30)])


def executing_project(app: Udsyn, budget: str = "50000") -> str:
    """Approved, funded by the department alone, one indicator, started 2026-02-10."""
    ref = approved_project(app, budget=budget)
    later = date(2026, 2, 10)
    app.fund(ctx(on=later), ref, own_contribution=budget)
    app.define_indicator(ctx(on=later), ref, key="elever", name="Elever i utbyte", target="30")
    app.start(ctx(on=later), ref)
    return ref


def stored_event_count(app: Udsyn) -> int:
    """How many events the store holds (the 'nothing was written' check)."""
    return app.recorder.max_notification_id() or 0


__all__ = ["Decimal"]
