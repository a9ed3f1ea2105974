"""Exactly once, with real processes: `udsyn projections run` is SIGKILLed in the middle of a
catch-up again and again, resumed each time, and the views end up equal to a clean rebuild, row
for row: no event lost, none applied twice. On SQLite and on PostgreSQL."""
from __future__ import annotations

import random
import signal
import subprocess
import time

import pytest

from bench.history import write_history
from infrastructure.projections.runner import ProjectionRunner
from tests.projections.support import lowest_position, rebuilt_rows, start_runner, view_rows
from tests.support import make_app

KILLS = 4


def kill_after_progress(process: subprocess.Popen, runner: ProjectionRunner, beyond: int) -> int:
    """SIGKILL the runner a random moment after it has committed past `beyond`; its position then."""
    deadline = time.monotonic() + 60
    while lowest_position(runner) <= beyond and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(random.uniform(0, 0.15))
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return lowest_position(runner)


@pytest.fixture
def long_store(db_url):
    app = make_app(db_url)
    head = write_history(app, projects=70, spends=30)
    app.close()
    runner = ProjectionRunner.for_app(make_app(db_url), db_url)
    yield db_url, head, runner
    runner.engine.dispose()
    runner.app.close()


def test_a_runner_killed_mid_catch_up_again_and_again_leaves_views_equal_to_a_clean_rebuild(long_store):
    db, head, runner = long_store
    positions = [0]

    for _ in range(KILLS):
        process = start_runner(db, "--batch-size", "40")
        positions.append(kill_after_progress(process, runner, beyond=positions[-1]))
        assert process.returncode == -signal.SIGKILL

    finished = start_runner(db, "--batch-size", "40")
    _, err = finished.communicate(timeout=120)

    assert finished.returncode == 0, err
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert sum(0 < p < head for p in positions) >= KILLS - 1  # killed in the middle, not after the end
    resumed = view_rows(runner)
    assert len(resumed["audit_trail"]) == head
    assert rebuilt_rows(runner) == resumed
