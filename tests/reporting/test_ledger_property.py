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
