"""What verify finds where a tamperer leaves rows no event can be, removes an event with its link,
changes only a link, empties the chain, or rewrites the chain over a closed year."""
from __future__ import annotations

from datetime import date

import pytest

from infrastructure.audit.verify import verify
from tests.audit.raw import RawStore
from tests.reporting.closing import close, year_2026
from tests.reporting.feeding import ledger_engine
from tests.support import AUDITOR, ctx, executing_project, make_app, set_up_kalix


@pytest.mark.parametrize("column, value", [
    ("state", None), ("state", "a text, not bytes"), ("originator_id", "zz"), ("originator_version", "x"),
    ("topic", b"a blob, not text"),
])
def test_a_row_no_event_can_be_is_found_altered_at_its_position_without_failing(sqlite_url, column, value):
    app = make_app(sqlite_url)
    set_up_kalix(app)
    executing_project(app)
    raw = RawStore(sqlite_url)
    target = raw.positions()[6]
    raw.sql(f"UPDATE {{events}} SET {column} = ? WHERE {{pos}} = ?", (value, target))

    result = verify(app.recorder)

    assert [(f.position, f.kind) for f in result.findings] == [(target, "altered")]


def test_a_link_stored_as_text_is_found_at_its_position_and_the_next_event_still_fits(sqlite_url):
    app = make_app(sqlite_url)
    set_up_kalix(app)
    executing_project(app)
    raw = RawStore(sqlite_url)
    target = raw.positions()[3]
    raw.sql("UPDATE {chain} SET link = 'abc' WHERE {chain_pos} = ?", (target,))

    result = verify(app.recorder)

    assert [(f.position, f.kind) for f in result.findings] == [(target, "altered")]
    assert "link recorded here was changed" in result.first.message


def test_a_changed_link_is_one_finding_naming_the_link_not_the_event(store):
    app, raw = store
    target = raw.positions()[8]
    raw.sql("UPDATE {chain} SET link = %s WHERE {chain_pos} = %s", (b"\x00" * 32, target))

    result = verify(app.recorder)

    assert [(f.position, f.kind) for f in result.findings] == [(target, "altered")]
    assert "link recorded here was changed" in result.first.message


def test_an_event_removed_with_its_link_is_named_at_the_removed_position(store):
    app, raw = store
    before, target, after = raw.positions()[9:12]
    raw.delete(target)
    raw.sql("DELETE FROM {chain} WHERE {chain_pos} = %s", (target,))

    result = verify(app.recorder)

    assert [(f.position, f.kind) for f in result.findings] == [(target, "deleted")]
    assert f"position {target} is gone with its link and the chain breaks at {after}" in result.first.message


def test_an_emptied_chain_is_not_started_again_but_found_from_the_first_event(store, db_url):
    app, raw = store
    count = len(raw.positions())
    raw.alter_one_byte(raw.positions()[5])
    raw.sql("DELETE FROM {chain}")

    reopened = make_app(db_url)  # opening the store again must not chain the altered events anew
    result = reopened.verify_chain(AUDITOR)

    assert not result.clean
    assert result.first.position == raw.positions()[0]
    assert len(result.findings) == count and {f.kind for f in result.findings} == {"inserted"}
    assert reopened.recorder.seals() == []


def test_a_chain_rewritten_over_a_closed_year_is_caught_by_the_head_recorded_at_the_close(db_url, tmp_path):
    app = make_app(db_url)
    set_up_kalix(app)
    year_2026(app)
    closed = close(app, ledger_engine(tmp_path / "ledger.db"))
    raw = RawStore(db_url)
    assert verify(app.recorder).clean
    position, _ = closed["chain_head"].split(":")
    target = raw.positions()[4]
    raw.alter_one_byte(target)
    raw.rewrite_chain_from(target)  # a careful forger: the chain fits the altered events again

    result = app.verify_chain(AUDITOR)

    assert [(f.position, f.kind) for f in result.findings] == [(int(position), "seal")]
    assert "the head recorded when 2026 was closed" in result.first.message


def test_a_snapshot_that_is_not_what_its_events_replay_to_is_found_at_its_version(db_url):
    app = make_app(db_url)
    set_up_kalix(app)
    ref = executing_project(app)  # version 7
    for _ in range(43):
        app.spend(ctx(on=date(2026, 3, 1)), ref, amount="1.00", category="resor")
    project_id = app.resolve_ref(ref)
    raw = RawStore(db_url)
    snapshots = raw.events.replace("udsyn_events", "udsyn_snapshots").replace("stored_events", "stored_snapshots")
    assert app.verify_chain(AUDITOR).clean, "a snapshot taken as the case was written is its events' state"
    (state,) = raw.sql(f"SELECT state FROM {snapshots}")[0]
    raw.sql(f"UPDATE {snapshots} SET state = %s", (bytes(state).replace(b'"43.00"', b'"3.00"'),))

    result = app.verify_chain(AUDITOR)

    assert [(f.position, f.kind) for f in result.findings] == [(app.recorder.positions_of(project_id)[50], "snapshot")]
    assert "at version 50 is not the state its events replay to" in result.first.message


def test_verify_knows_the_topic_a_year_s_close_is_stored_under():
    from eventsourcing.utils import get_topic

    from domain.reporting_year import ReportingYear
    from infrastructure.audit.verify import CLOSED_YEAR_TOPIC

    assert CLOSED_YEAR_TOPIC == get_topic(ReportingYear.Closed)
