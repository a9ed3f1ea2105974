"""Rebuilt from zero, every view equals the one built incrementally, row for row, over random
histories: random valid and refused commands, the job run after random steps in random batch
sizes, on real SQLite and PostgreSQL. The portfolio also says what each case, loaded from the
store, says."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test

from infrastructure.projections.portfolio import portfolio_rows
from infrastructure.projections.runner import ProjectionRunner
from tests.application.test_lifecycle_state_machine import CaseLifecycle
from tests.postgres import fresh_schema
from tests.projections.support import rebuilt_rows, view_rows
from tests.support import make_app, set_up_kalix


class HistoryWithViews(CaseLifecycle):
    """The case-lifecycle state machine on a SQLite store, with the reporting job in between."""

    def __init__(self) -> None:
        RuleBasedStateMachine.__init__(self)
        url = self.open_store()
        self.app = make_app(url)
        set_up_kalix(self.app)
        self.live, self.closed_as = {}, {}
        self.runner = ProjectionRunner.for_app(self.app, url)

    def open_store(self) -> str:
        self.directory = Path(tempfile.mkdtemp(prefix="udsyn-views-"))
        return f"sqlite:///{self.directory / 'udsyn.db'}"

    def close_store(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)

    @rule(batch_size=st.integers(1, 60), batches=st.integers(1, 5))
    def run_the_job_a_little(self, batch_size, batches):
        self.runner.batch_size = batch_size
        for _ in range(batches):
            self.runner.run_batch()

    @rule()
    def run_the_job_to_the_head(self):
        self.runner.catch_up()

    def teardown(self) -> None:
        try:
            self.runner.catch_up()
            incremental = view_rows(self.runner)
            self.runner.batch_size = 2000
            assert rebuilt_rows(self.runner) == incremental
            with self.runner.engine.connect() as conn:
                listed = {row["ref"]: row for row in portfolio_rows(conn)}
            assert set(listed) == set(self.live)
            for ref, live in self.live.items():
                row = listed[ref]
                assert (row["status"], row["version"], row["spent"]) == (live.status, live.version, live.spent)
                assert (row["ceiling"], row["external_share"]) == (live.ceiling, live.external_share)
                assert [o["key"] for o in row["obligations"] if o["fulfilled_on"] is None] == live.open_obligations
        finally:
            self.runner.engine.dispose()
            self.app.close()
            self.close_store()


class HistoryWithViewsOnPostgreSQL(HistoryWithViews):
    """The same on a fresh PostgreSQL schema per history."""

    def open_store(self) -> str:
        self.schema = fresh_schema()
        return self.schema.__enter__()

    def close_store(self) -> None:
        self.schema.__exit__(None, None, None)


def test_views_rebuilt_from_zero_equal_the_views_built_incrementally_over_random_histories():
    run_state_machine_as_test(
        HistoryWithViews,
        settings=settings(max_examples=25, stateful_step_count=30, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow]),
    )


@pytest.mark.postgres
def test_on_postgresql_too_views_rebuilt_from_zero_equal_the_views_built_incrementally():
    run_state_machine_as_test(
        HistoryWithViewsOnPostgreSQL,
        settings=settings(max_examples=8, stateful_step_count=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow]),
    )
