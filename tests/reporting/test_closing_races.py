"""R7 under concurrency: the event store checks, in the writing transaction, that the years a
command's facts fall in are still open, so a close by another process is never overtaken."""
from __future__ import annotations

from datetime import date

import pytest
from eventsourcing.persistence import StoredEvent

from domain.errors import RuleViolation
from domain.meta import Meta
from domain.consistency import OPEN_YEARS, ClosedWhileWriting
from domain.reporting_year import reporting_year_id
from tests.application.refusals import refused
from tests.reporting.closing import close, year_2026
from tests.reporting.feeding import ledger_engine
from tests.support import ctx, make_app, set_up_kalix, stored_event_count


@pytest.fixture
def two_processes(db_url, tmp_path):
    """A writer that has never seen 2026 closed, and a reporter's process that closes it."""
    writer = make_app(db_url)
    set_up_kalix(writer)
    ref = year_2026(writer)
    assert not writer.closed_years._closed
    closer = make_app(db_url)
    close(closer, ledger_engine(tmp_path / "ledger.db"))
    return writer, ref


def test_a_year_closed_by_another_process_is_refused_by_the_store_naming_r7(two_processes):
    writer, ref = two_processes

    error = refused(writer, RuleViolation, writer.spend, ctx(on=date(2026, 12, 1)), ref, amount="10",
                    category="resor")

    assert str(error).startswith("R7: 2026 is a closed reporting year; expenditure effective in 2026")
    assert 2026 in writer.closed_years._closed  # remembered: the next command is refused before writing


def test_a_fact_in_the_next_year_is_still_recorded_after_another_process_closed_the_year(two_processes):
    writer, ref = two_processes

    result = writer.spend(ctx(on=date(2027, 1, 10)), ref, amount="10", category="resor")

    assert result["spent"] == "12010.50"


def test_the_recorder_writes_nothing_when_a_year_it_must_find_open_is_closed(db_url):
    """The check runs in the insert's transaction; on PostgreSQL before the insert, because the
    library commits what was written before an error raised after it."""
    app = make_app(db_url)
    set_up_kalix(app)
    before, head = stored_event_count(app), app.recorder.head()
    project = app.load_project(year_2026(app))
    after_case = stored_event_count(app)
    app.recorder.insert_events([_stored_close(app, 2025)])
    project.record_measurement("elever", "1", _meta(app))
    stored = [app.mapper.to_stored_event(e) for e in project.collect_events()]

    with pytest.raises(ClosedWhileWriting) as raised:
        app.recorder.insert_events(stored, **{OPEN_YEARS: [reporting_year_id(2026), reporting_year_id(2025)]})

    assert raised.value.year_id == reporting_year_id(2025)
    assert stored_event_count(app) == after_case + 1
    assert app.recorder.head()[0] == after_case + 1
    assert before < after_case and head is not None


def _stored_close(app, year: int):
    """A stand-in row in the reporting year's stream: its existence is what 'closed' means to the store."""
    return StoredEvent(originator_id=reporting_year_id(year), originator_version=1, topic="test:closed",
                       state=b"{}")


def _meta(app) -> Meta:
    return Meta(actor="olle", role="officer", command_id="race", recorded_at=app.clock.now(),
                effective_date=date(2026, 11, 1))
