"""On SQLite the event store writes through a connection the pool keeps aside for it."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from eventsourcing.persistence import ConnectionPoolClosedError

from infrastructure.audit.verify import verify
from infrastructure.sqlite_pool import StatementCachingPool
from tests.support import ctx, executing_project, make_app, set_up_kalix, stored_event_count

SPENDING_DAY = date(2026, 3, 1)


def test_commands_write_through_the_pools_events_writer_and_reads_see_them(sqlite_url):
    app = make_app(sqlite_url)
    set_up_kalix(app)
    ref = executing_project(app)
    pool = app.recorder.datastore.pool
    assert isinstance(pool, StatementCachingPool) and pool.has_events_writer
    before = stored_event_count(app)
    app.spend(ctx(on=SPENDING_DAY), ref, amount="10.00", category="resor")
    assert pool._events_writer is not None
    assert stored_event_count(app) == before + 1
    assert make_app(sqlite_url).load_project(ref).spent == app.load_project(ref).spent


def test_threads_writing_at_once_each_get_their_turn_and_every_event_is_chained(sqlite_url):
    app = make_app(sqlite_url)
    set_up_kalix(app)
    refs = [executing_project(app, budget="1000000") for _ in range(2)]
    before = stored_event_count(app)
    failures: list[BaseException] = []

    def spend(ref: str) -> None:
        try:
            for _ in range(20):
                app.spend(ctx(on=SPENDING_DAY), ref, amount="1.00", category="resor")
        except BaseException as e:  # noqa: BLE001 - reported below
            failures.append(e)

    threads = [threading.Thread(target=spend, args=(ref,)) for ref in refs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert stored_event_count(app) == before + 40
    assert app.recorder.head()[0] == app.recorder.max_notification_id()
    assert verify(app.recorder).clean
    assert [str(make_app(sqlite_url).load_project(r).spent) for r in refs] == ["20.00", "20.00"]


def test_closing_the_store_closes_the_events_writer_and_refuses_it_after(sqlite_url):
    app = make_app(sqlite_url)
    set_up_kalix(app)
    pool = app.recorder.datastore.pool
    writer = pool._events_writer
    assert writer is not None
    app.close()
    assert pool._events_writer is None and writer.closed
    with pytest.raises(ConnectionPoolClosedError):
        pool.acquire_events_writer()
