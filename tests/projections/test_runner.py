"""The reporting job on a real store: batches commit with their positions, nothing is applied
twice, a rebuild equals what catching up built, and the views say what the cases say."""
from __future__ import annotations

import gc
import weakref
from datetime import date

import pytest
from eventsourcing.persistence import IntegrityError
from sqlalchemy import inspect, select

from domain.errors import InvalidInput
from infrastructure.projections import tracking
from infrastructure.projections.audit_trail import AUDIT_TRAIL
from infrastructure.projections.decision_register import DECISION_REGISTER
from infrastructure.projections.portfolio import portfolio_rows
from infrastructure.projections.registry import ALL_PROJECTIONS
from infrastructure.projections.runner import ProjectionRunner
from tests.projections.support import rebuilt_rows, view_rows
from tests.support import (
    approved_project, ctx, executing_project, make_app, register, set_up_kalix, stored_event_count,
)


@pytest.fixture
def store(db_url):
    app = make_app(db_url)
    set_up_kalix(app)
    runner = ProjectionRunner.for_app(app, db_url, batch_size=5)
    yield app, runner
    runner.engine.dispose()
    app.close()


def test_catching_up_in_small_batches_reaches_the_head_and_equals_a_rebuild(store):
    app, runner = store
    executing_project(app)
    approved_project(app)

    applied = runner.catch_up()
    incremental = view_rows(runner)

    head = stored_event_count(app)
    assert applied == head
    assert [(s.name, s.position, s.lag) for s in runner.status()] == [(n, head, 0) for n in ALL_PROJECTIONS]
    assert rebuilt_rows(runner) == incremental
    assert len(incremental["audit_trail"]) == head


def test_a_second_catch_up_applies_nothing_and_later_events_are_applied_once(store):
    app, runner = store
    ref = executing_project(app)
    runner.catch_up()

    assert runner.catch_up() == 0
    app.spend(ctx(on=date(2026, 3, 1)), ref, amount="1200.50", category="travel")
    assert runner.catch_up() == 1

    with runner.engine.connect() as conn:
        (row,) = portfolio_rows(conn)
        audited = conn.execute(select(AUDIT_TRAIL.c.event_type).order_by(AUDIT_TRAIL.c.position.desc())).first()
    assert (row["ref"], row["spent"], row["version"]) == (ref, 1200.50, 8)
    assert audited == ("ExpenditureRecorded",)


def test_a_batch_whose_position_was_already_recorded_is_refused(store):
    app, runner = store
    runner.catch_up()
    head = stored_event_count(app)

    with pytest.raises(IntegrityError), runner.engine.begin() as conn:
        tracking.advance(conn, "portfolio", head)


def test_the_portfolio_row_says_what_the_case_says(store):
    app, runner = store
    ref = executing_project(app)
    app.apply_for_funding(ctx(), ref, programme="Erasmus+", amount="1000", currency="EUR", rate="11.40")
    app.grant(ctx(), ref, application="A1", amount="800", currency="EUR", rate="11.40")
    app.spend(ctx(on=date(2026, 3, 1)), ref, amount="300", category="travel")
    app.measure(ctx(on=date(2026, 3, 2)), ref, key="elever", value="12")
    runner.catch_up()

    case = app.load_project(ref)
    with runner.engine.connect() as conn:
        (row,) = portfolio_rows(conn)
    assert (row["status"], row["board"], row["department"]) == ("executing", "bun", "buf")
    assert (row["spent"], row["ceiling"], row["external_granted"]) == (case.spent, case.ceiling, case.granted_total)
    assert (row["external_applied"], row["external_share"]) == (case.applied_total, case.external_share)
    assert row["indicators"] == [{"key": "elever", "name": "Elever i utbyte", "target": "30", "unit": None,
                                  "latest": "12", "measured_on": "2026-03-02", "measurements": 1}]
    assert (row["version"], row["started_on"]) == (case.version, date(2026, 2, 10))


def test_the_decision_register_names_body_meeting_item_and_the_strategy_in_force(store):
    app, runner = store
    ref = register(app)
    app.explore(ctx(), ref)
    app.submit(ctx(), ref, body="bun")
    app.decide(ctx(), ref, body="bun", outcome="approved-with-conditions", meeting_date=date(2026, 1, 15),
               item="§ 7", case_number="BUN 2026/31", condition=["Rapport till KSAU"],
               condition_due=[date(2026, 9, 30)])
    runner.catch_up()

    with runner.engine.connect() as conn:
        (row,) = conn.execute(select(DECISION_REGISTER)).mappings().all()
    assert (row["project_ref"], row["number"], row["body"], row["body_kind"]) == (ref, 1, "bun", "board")
    assert (row["meeting_date"], row["item"], row["case_number"]) == (date(2026, 1, 15), "§ 7", "BUN 2026/31")
    assert (row["outcome"], row["obligation_keys"], row["strategy_version"]) == (
        "approved-with-conditions", '["O1"]', 1)
    assert row["conditions"] == '[{"text":"Rapport till KSAU","due":"2026-09-30"}]'
    assert (row["ceiling"], row["appeal_ends"]) == (50000, date(2026, 2, 5))


def test_rebuilding_one_view_leaves_the_others_where_they_were(store):
    app, runner = store
    executing_project(app)
    runner.catch_up()
    before = view_rows(runner)

    portfolio = ProjectionRunner(runner.reader, runner.engine, ["portfolio"])
    portfolio.clear()
    head = stored_event_count(app)
    assert {s.name: s.position for s in runner.status()} == {**dict.fromkeys(ALL_PROJECTIONS, head), "portfolio": 0}
    portfolio.catch_up()

    assert view_rows(runner) == before


def test_an_unknown_projection_name_is_invalid_input_naming_it(store):
    app, runner = store

    with pytest.raises(InvalidInput, match="no projection 'ledgr'"):
        ProjectionRunner(runner.reader, runner.engine, ["portfolio", "ledgr"])


def test_the_audit_trail_carries_the_chain_link_the_recorder_wrote_at_every_position(store):
    app, runner = store
    executing_project(app)
    runner.catch_up()  # in batches of five: each batch continues the chain from the row before it

    with runner.engine.connect() as conn:
        trail = dict(conn.execute(select(AUDIT_TRAIL.c.position, AUDIT_TRAIL.c.chain_hash)).all())
    stored = app.recorder.links_between(1, stored_event_count(app))
    assert trail == {position: link.hex() for position, link in stored.items()}


def _indexes(runner: ProjectionRunner) -> set[str]:
    """The views' declared indexes that exist (not those behind unique constraints)."""
    declared = {i.name for p in runner.projections for t in p.tables for i in t.indexes}
    with runner.engine.connect() as conn:
        found = inspect(conn)
        return {i["name"] for p in runner.projections for t in p.tables for i in found.get_indexes(t.name)} & declared


def test_a_rebuild_builds_the_indexes_only_reads_use_once_it_reaches_the_head(store):
    app, runner = store
    executing_project(app)
    declared = {i.name for p in runner.projections for t in p.tables for i in t.indexes}
    runner.catch_up()
    assert _indexes(runner) == declared
    deferred = {i.name for i in runner.deferred_indexes()}
    assert deferred and "ix_partnership_projects_project_id" not in deferred  # the partnerships' writes use it

    runner.clear()
    assert _indexes(runner) == declared - deferred
    runner.catch_up()

    assert _indexes(runner) == declared


def test_a_rebuild_interrupted_before_the_head_is_finished_with_its_indexes_by_the_next_runner(store):
    app, runner = store
    executing_project(app)
    runner.catch_up()
    runner.clear()
    batches = iter([False, False])
    runner.catch_up(stop=lambda: next(batches, True))  # two batches of five, then stopped
    declared = {i.name for p in runner.projections for t in p.tables for i in t.indexes}
    assert _indexes(runner) == declared - {i.name for i in runner.deferred_indexes()}

    resumed = ProjectionRunner(runner.reader, runner.engine, batch_size=5)
    resumed.catch_up()

    assert _indexes(runner) == declared
    assert view_rows(runner) == rebuilt_rows(ProjectionRunner(runner.reader, runner.engine))


def test_a_batchs_events_are_freed_before_the_cyclic_collector_runs_again(store, monkeypatch):
    """The collector is paused for a batch; were the batch's decoded events still held when it
    runs again, its first pass would scan every one of them (a tenth of a rebuild's time)."""
    app, runner = store
    executing_project(app)
    held: list[weakref.ref] = []
    first = runner.projections[0]
    apply = first.apply

    def watching(conn, batch):
        held.extend(weakref.ref(e) for e in batch)
        apply(conn, batch)

    alive_as_it_resumes: list[int] = []
    resume = gc.enable

    def enable() -> None:
        alive_as_it_resumes.append(sum(r() is not None for r in held))
        resume()

    monkeypatch.setattr(first, "apply", watching)
    monkeypatch.setattr(gc, "enable", enable)
    assert runner.catch_up() == stored_event_count(app)

    assert len(held) == stored_event_count(app) and len(alive_as_it_resumes) > 1
    assert alive_as_it_resumes == [0] * len(alive_as_it_resumes)
