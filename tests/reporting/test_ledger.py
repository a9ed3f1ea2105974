"""The annual-report ledger: what each fact posts, in which year, and naming which event."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from infrastructure.projections.ledger import BUDGET, OWN, SPENT, Ledger, projects
from tests.reporting.feeding import envelopes, feed, ledger_engine
from tests.reporting.ledger_rows import rows, sums
from tests.support import ctx, executing_project, stored_event_count


def test_an_executing_project_posts_its_budget_own_contribution_and_spending_in_their_years(kalix, engine):
    ref = executing_project(kalix)
    kalix.spend(ctx(on=date(2026, 6, 1)), ref, amount="1000.50", category="resor")
    kalix.spend(ctx(on=date(2027, 2, 1)), ref, amount="200", category="resor")
    feed(kalix, engine)

    pid = str(kalix.load_project(ref).id)
    assert sums(engine) == {
        (2026, pid, BUDGET): Decimal("50000.00"),
        (2026, pid, OWN): Decimal("50000.00"),
        (2026, pid, SPENT): Decimal("1000.50"),
        (2027, pid, SPENT): Decimal("200.00"),
    }


def test_each_entry_names_the_position_of_the_event_that_caused_it_and_its_board(kalix, engine):
    ref = executing_project(kalix)
    kalix.spend(ctx(on=date(2026, 6, 1)), ref, amount="10", category="resor")
    head = stored_event_count(kalix)
    feed(kalix, engine)

    last = rows(engine)[-1]
    assert (last[0], last[1], last[3], last[4], last[6]) == (head, SPENT, "bun", "buf", ref)
    event = next(e for e in kalix.events.get(kalix.load_project(ref).id) if type(e).__name__ == "ExpenditureRecorded")
    assert kalix.recorder.select_notifications(head, 1)[0].originator_version == event.originator_version


def test_foreign_currency_is_posted_at_the_rate_recorded_with_the_fact(kalix, engine):
    ref = executing_project(kalix)
    kalix.spend(ctx(on=date(2026, 6, 1)), ref, amount="123.45", currency="EUR", rate="11.4321", category="resor")
    feed(kalix, engine)

    assert sums(engine)[(2026, str(kalix.load_project(ref).id), SPENT)] == Decimal("1411.29")


def test_a_supplementary_decision_posts_only_the_change_of_the_ceiling_in_its_year(kalix, engine):
    ref = executing_project(kalix)
    kalix.decide(ctx(), ref, body="bun", outcome="approved", meeting_date=date(2027, 3, 1), item="§ 9",
                 ceiling="80000")
    feed(kalix, engine)

    pid = str(kalix.load_project(ref).id)
    assert (sums(engine)[(2026, pid, BUDGET)], sums(engine)[(2027, pid, BUDGET)]) == (
        Decimal("50000.00"), Decimal("30000.00"))


def test_the_ledger_is_the_same_whatever_the_batch_size(kalix, engine, tmp_path):
    ref = executing_project(kalix)
    for month in range(3, 9):
        kalix.spend(ctx(on=date(2026, month, 1)), ref, amount="100", category="resor")
    one_by_one = ledger_engine(tmp_path / "one.db")
    feed(kalix, engine, batch=1000)
    feed(kalix, one_by_one, batch=1)

    assert rows(engine) == rows(one_by_one) and len(rows(engine)) == 8


def test_feeding_in_two_transactions_gives_the_rows_of_one(kalix, engine, tmp_path):
    ref = executing_project(kalix)
    middle = stored_event_count(kalix)
    kalix.spend(ctx(on=date(2026, 4, 1)), ref, amount="100", category="resor")
    kalix.measure(ctx(on=date(2026, 4, 2)), ref, key="elever", value="12")
    whole = ledger_engine(tmp_path / "whole.db")
    feed(whole_app := kalix, whole)

    for part in ([e for e in envelopes(whole_app) if e.position <= middle],
                 [e for e in envelopes(whole_app) if e.position > middle]):
        with engine.begin() as conn:
            Ledger().apply(conn, part)

    assert rows(engine) == rows(whole)
    with engine.connect() as conn:
        facts = conn.execute(select(projects.c.facts)).scalar_one()
    assert facts["indicators"]["elever"]["measurements"] == [["2026-04-02", "12"]]
