"""A long, realistic event history written straight into a store: an organisation set up through
the application, then many cases driven through the domain (no command overhead) and bulk-inserted.
Used by the rebuild bench and by the exactly-once tests, which need thousands of events fast."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from domain.meta import Meta
from domain.money import Amount
from domain.project import Project
from domain.records import Condition

START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
INSERT_CHUNK = 1000


def write_history(app: Any, projects: int, spends: int = 30, boards: int = 0) -> int:
    """Set up Kalix on `app` (an empty store), then append `projects` cases of about 15 + `spends`
    events each; returns the number of events in the store. With `boards`, that many more boards
    are set up, each with a department, and the cases are spread over those departments in turn."""
    from tests.support import ADMIN, ctx, set_up_kalix

    set_up_kalix(app)
    for b in range(1, boards + 1):
        app.add_body(ctx(ADMIN), key=f"n{b:03d}", name=f"Nämnd {b}", kind="board")
        app.add_department(ctx(ADMIN), key=f"f{b:03d}", name=f"Förvaltning {b}", board=f"n{b:03d}")
    org, strategy = app.organisation(), app.strategy()
    clock = _Clock()
    pending = []
    for n in range(1, projects + 1):
        department = f"f{n % boards + 1:03d}" if boards else ("buf" if n % 3 else "kf-adm")
        pending += [app.mapper.to_stored_event(e) for e in _case(n, org, strategy, clock, spends, department)]
        if len(pending) >= INSERT_CHUNK:
            app.recorder.insert_events(pending)
            pending = []
    if pending:
        app.recorder.insert_events(pending)
    return app.recorder.max_notification_id() or 0


class _Clock:
    def __init__(self) -> None:
        self.now = START

    def meta(self, on: date, actor: str = "olle", role: str = "officer") -> Meta:
        self.now += timedelta(microseconds=7)
        return Meta(actor=actor, role=role, command_id=f"c{self.now.timestamp():.6f}", recorded_at=self.now,
                    effective_date=on)


def _case(n: int, org: Any, strategy: Any, clock: _Clock, spends: int, department: str) -> list[Any]:
    """One case from idea to (often) completion, with funding, indicators and spending."""
    version = strategy.in_force_on(date(2026, 1, 5))
    sek = lambda v: Amount.of(Decimal(v), "SEK", "SEK")  # noqa: E731
    eur = lambda v: Amount.of(Decimal(v), "EUR", "SEK", Decimal("11.40"))  # noqa: E731
    budget = 20000 + (n % 7) * 10000
    p = Project.register(ref=f"KAL-2026-{n:04d}", title=f"Utbyte {n}", department=department,
                         focus_areas=["utbildning"] if n % 5 else ["turism"], strategy=version,
                         meta=clock.meta(date(2026, 1, 5)), summary=f"Utbytesprojekt nummer {n}",
                         target_groups=["skolungdomar"], goals=["kontaktnat"], budget=sek(budget))
    p.explore(clock.meta(date(2026, 1, 6)))
    body = org.body("bun")
    p.submit_for_decision(body, version.approval_threshold, clock.meta(date(2026, 1, 7)))
    conditions = [Condition("Rapport till KSAU", date(2026, 9, 30))] if n % 4 == 0 else []
    p.decide(body=body, outcome="approved-with-conditions" if conditions else "approved",
             meeting_date=date(2026, 1, 15), item=f"§ {n}", strategy=version, meta=clock.meta(date(2026, 1, 15)),
             case_number=f"BUN 2026/{n}", conditions=conditions)
    later = date(2026, 2, 10)
    p.apply_for_funding("Erasmus+", eur(1000), clock.meta(later))
    p.grant_funding("A1", eur(800), clock.meta(later))
    p.commit_own_contribution(sek(budget - 9120), clock.meta(later))
    p.define_indicator("elever", "Elever i utbyte", Decimal(30), "elever", clock.meta(later))
    p.start(clock.meta(later))
    for i in range(spends):
        p.record_expenditure(sek(f"{100 + i}.50"), "resor", None, clock.meta(later + timedelta(days=i)))
    p.receive_funding("A1", eur(800), clock.meta(date(2026, 6, 1)))
    p.record_measurement("elever", Decimal(25 + n % 10), clock.meta(date(2026, 6, 1)))
    if n % 2:
        for key in p.open_obligations:
            p.fulfil(key, clock.meta(date(2026, 9, 1)))
        p.submit_statement(2026, "Årets berättelse", clock.meta(date(2026, 12, 1)))
        p.complete("Börja partnerdialogen en termin tidigare.", clock.meta(date(2026, 12, 15)))
    return p.collect_events()
