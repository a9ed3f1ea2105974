"""`projections run --follow` outlives a lost database connection: the server drops every
connection the follower holds (as a restart or failover would), the follower warns, waits, and
follows on from where its views stand, applying each event exactly once."""
from __future__ import annotations

import json
import signal
import uuid

import pytest

from infrastructure.projections.follow import is_outage
from infrastructure.projections.runner import ProjectionRunner
from tests.postgres import admin_conn
from tests.projections.support import lowest_position, start_runner, view_rows
from tests.projections.test_follow import wait_until
from tests.support import make_app, register, set_up_kalix, stored_event_count


def drop_connections(application_name: str) -> int:
    """Terminate the server processes serving one client's connections; how many there were."""
    with admin_conn() as conn:
        return len(conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
                                (application_name,)).fetchall())


def test_a_follower_survives_losing_its_connections_and_follows_on_exactly_once(postgres_url, monkeypatch):
    app = make_app(postgres_url)
    set_up_kalix(app)
    runner = ProjectionRunner.for_app(app, postgres_url, create=False)
    name = f"udsyn-follow-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("PGAPPNAME", name)  # libpq names every connection the follower opens …
    process = start_runner(postgres_url, "--follow", json=True)
    monkeypatch.delenv("PGAPPNAME")  # … and only those
    try:
        assert wait_until(lambda: lowest_position(runner) == stored_event_count(app))

        assert drop_connections(name) >= 1
        register(app)
        register(app)
        head = stored_event_count(app)
        assert wait_until(lambda: lowest_position(runner) == head, seconds=30)
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)

    assert process.returncode == 0, err
    assert "warning: the database is unavailable" in err
    lines = [json.loads(line) for line in out.splitlines()]
    assert sum(line.get("applied", 0) for line in lines[:-1]) == head
    followed = view_rows(runner)
    runner.clear()
    runner.catch_up()
    assert view_rows(runner) == followed
    runner.engine.dispose()


@pytest.mark.parametrize("error, outage", [
    ("eventsourcing.persistence:OperationalError", True),
    ("eventsourcing.persistence:InterfaceError", True),
    ("psycopg:OperationalError", True),
    ("eventsourcing.persistence:IntegrityError", False),
    ("builtins:ValueError", False),
])
def test_only_connection_failures_are_waited_out(error, outage):
    from eventsourcing.utils import resolve_topic

    assert is_outage(resolve_topic(error)("boom")) is outage
