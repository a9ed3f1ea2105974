"""Property: over random histories, the ledger's totals equal the sums recomputed from the events,
and over all years each project's entries add up to its approved ceiling and own contribution."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.errors import UdsynError
from infrastructure.projections.ledger import BUDGET, GRANTED, OWN, RECEIVED, SPENT, APPLIED
from tests.reporting.feeding import feed, ledger_engine
from tests.reporting.ledger_rows import additive_sums_from_events, sums
from tests.support import ADMIN, ctx, executing_project, make_app, set_up_kalix

FIRST = date(2026, 2, 10)
days = st.integers(min_value=0, max_value=3 * 365).map(lambda n: FIRST + timedelta(days=n))
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("40000"), places=2)
currency = st.sampled_from([("SEK", None), ("EUR", "11.4321"), ("NOK", "0.9733")])
operation = st.tuples(
    st.sampled_from(["spend", "apply", "grant", "receive", "fund", "raise-ceiling"]),
    st.integers(0, 1), days, amounts, currency,
)


def _run(app, refs, op) -> None:
    kind, which, day, amount, (cur, rate) = op
    ref, c = refs[which], ctx(on=day)
    money = {"amount": str(amount), "currency": cur, "rate": rate}
    if kind == "spend":
        app.spend(c, ref, category="resor", **money)
    elif kind == "apply":
        app.apply_for_funding(c, ref, programme="Interreg Aurora", **money)
    elif kind in ("grant", "receive"):
        project = app.load_project(ref)
        wanted = "applied" if kind == "grant" else "granted"
        key = next((k for k, a in project.applications.items() if a.status == wanted), None)
        if key is not None:
            getattr(app, kind)(c, ref, application=key, **money)
    elif kind == "fund":
        app.fund(c, ref, own_contribution=str(amount), currency=cur, rate=rate)
    else:
        ceiling = app.load_project(ref).ceiling + amount
        app.decide(ctx(ADMIN), ref, body="bun", outcome="approved", meeting_date=day, item="§ 1",
                   ceiling=str(ceiling))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(operation, max_size=25))
def test_ledger_totals_equal_the_sums_recomputed_from_the_events(tmp_path_factory, operations):
    app = make_app()
    set_up_kalix(app)
    refs = [executing_project(app), executing_project(app, budget="90000")]
    for op in operations:
        try:
            _run(app, refs, op)
        except UdsynError:
            pass  # refused by a rule (e.g. R3 above the ceiling): nothing was written
    engine = ledger_engine(tmp_path_factory.mktemp("ledger") / "ledger.db")
    feed(app, engine, batch=7)
    ledger = sums(engine)

    additive = {k: v for k, v in ledger.items() if k[2] in (SPENT, APPLIED, GRANTED, RECEIVED)}
    assert additive == additive_sums_from_events(app)
    for ref in refs:
        project = app.load_project(ref)
        pid = str(project.id)
        over_years = {kind: sum((v for (_, p, k), v in ledger.items() if p == pid and k == kind), Decimal(0))
                      for kind in (BUDGET, OWN, SPENT, RECEIVED, GRANTED, APPLIED)}
        assert over_years == {
            BUDGET: project.ceiling, OWN: project.own_contribution.reporting, SPENT: project.spent,
            RECEIVED: project.received_total, GRANTED: project.granted_total, APPLIED: project.applied_total,
        }


closing_operation = st.one_of(
    operation,
    st.tuples(st.sampled_from(["close", "late-spend"]), st.integers(0, 1), days, amounts, currency),
)


def _original_in(app, ref: str, year: int) -> int | None:
    """The position of some event of the case effective in `year`, for --correction-of."""
    pid = app.load_project(ref).id
    for n in app.recorder.select_notifications(1, 100_000):
        if n.originator_id == pid and app.mapper.to_domain_event(n).effective_date.year == year:
            return n.id
    return None


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(closing_operation, max_size=20))
def test_with_years_closed_and_corrections_posted_the_ledger_still_adds_up(tmp_path_factory, operations):
    from application.context import Context
    from tests.reporting.closing import reports
    from tests.reporting.ledger_rows import rows
    from tests.support import OFFICER, REPORTER

    app = make_app()
    set_up_kalix(app)
    refs = [executing_project(app), executing_project(app, budget="90000")]
    engine = ledger_engine(tmp_path_factory.mktemp("ledger") / "ledger.db")
    closed: list[int] = []
    for kind, which, day, amount, (cur, rate) in operations:
        try:
            if kind == "close":
                year = 2026 + len(closed)
                if app.clock.now().date().year <= year:
                    app.clock.set(date(year + 1, 1, 2))
                app.close_year(ctx(REPORTER), year, reports(app, engine))
                closed.append(year)
            elif kind == "late-spend" or (kind == "spend" and day.year in closed):
                if not closed:
                    continue
                day = day if day.year in closed else date(closed[-1], day.month, min(day.day, 28))
                original = _original_in(app, refs[which], day.year)
                if original is not None:
                    app.spend(Context(OFFICER, on=day, correction_of=original), refs[which], category="resor",
                              amount=str(amount), currency=cur, rate=rate)
            else:
                _run(app, refs, (kind, which, day, amount, (cur, rate)))
        except UdsynError:
            pass
    feed(app, engine, start=reports(app, engine).position() + 1)
    ledger = sums(engine)

    additive = {k: v for k, v in ledger.items() if k[2] in (SPENT, APPLIED, GRANTED, RECEIVED)}
    assert additive == additive_sums_from_events(app)
    for ref in refs:
        project = app.load_project(ref)
        spent = sum((v for (_, p, k), v in ledger.items() if p == str(project.id) and k == SPENT), Decimal(0))
        assert spent == project.spent
    for row in rows(engine):
        if row[9] is not None:  # an adjustment: posted in an open year after the closed one it corrects
            assert row[10] in closed and row[2] > row[10]
        else:
            assert row[2] == row[8].year and (row[2] not in closed or _posted_before_close(app, row))


def _posted_before_close(app, row) -> bool:
    from domain.reporting_year import reporting_year_id

    close = app.recorder.select_events(reporting_year_id(row[2]), limit=1)
    return close is not None and row[0] < app.repository.get(reporting_year_id(row[2])).position + 1
