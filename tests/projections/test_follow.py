"""`udsyn projections run --follow`: new events are applied as they arrive (PostgreSQL wakes the
job by NOTIFY, SQLite is polled), and SIGTERM or SIGINT stops it cleanly with exit 0."""
from __future__ import annotations

import json
import signal
import time

import pytest

from infrastructure.projections.runner import ProjectionRunner
from tests.projections.support import lowest_position, start_runner
from tests.support import make_app, register, set_up_kalix, stored_event_count


def wait_until(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture
def store(db_url):
    app = make_app(db_url)
    set_up_kalix(app)
    runner = ProjectionRunner.for_app(app, db_url, create=False)
    yield db_url, app, runner
    runner.engine.dispose()
    app.close()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "sigint"])
def test_following_applies_events_as_they_arrive_and_a_signal_stops_it_with_exit_0(store, stop):
    db, app, runner = store
    process = start_runner(db, "--follow", "--poll", "0.1", json=True)
    try:
        assert wait_until(lambda: lowest_position(runner) == stored_event_count(app))

        register(app)
        register(app)
        head = stored_event_count(app)
        arrived = time.monotonic()
        assert wait_until(lambda: lowest_position(runner) == head, seconds=10)
        followed_within = time.monotonic() - arrived
    finally:
        process.send_signal(stop)
        out, err = process.communicate(timeout=30)

    assert process.returncode == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[-1]["stopped"] is True
    assert {p["position"] for p in lines[-1]["projections"]} == {head}
    assert sum(line.get("applied", 0) for line in lines[:-1]) == head
    assert followed_within < 5
