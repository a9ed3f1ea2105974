"""Exactly once, with real processes: `udsyn projections run` is SIGKILLed in the middle of a
catch-up again and again, resumed each time, and the views end up equal to a clean rebuild, row
for row: no event lost, none applied twice. On SQLite and on PostgreSQL."""
from __future__ import annotations

import json
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


def kill_past(process: subprocess.Popen, runner: ProjectionRunner, target: int) -> int:
    """SIGKILL the runner as soon as every view has committed past `target`; their position then.
    Positions, not a sleep, decide the moment: a fast runner would finish within any fixed delay."""
    deadline = time.monotonic() + 60
    while lowest_position(runner) <= target and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return lowest_position(runner)


def kill_targets(head: int) -> list[int]:
    """KILLS positions spread over the catch-up at random, a stretch of it left after the last."""
    step = head // (KILLS + 2)
    return [k * step + random.randrange(-step // 4, step // 4) for k in range(1, KILLS + 1)]


@pytest.fixture
def long_store(db_url):
    app = make_app(db_url)
    head = write_history(app, projects=50, spends=30)
    app.close()
    runner = ProjectionRunner.for_app(make_app(db_url), db_url)
    yield db_url, head, runner
    runner.engine.dispose()
    runner.app.close()


def test_a_runner_killed_mid_catch_up_again_and_again_leaves_views_equal_to_a_clean_rebuild(long_store):
    db, head, runner = long_store
    positions = [0]

    for target in kill_targets(head):
        process = start_runner(db, "--batch-size", "10")
        positions.append(kill_past(process, runner, max(target, positions[-1])))
        assert process.returncode == -signal.SIGKILL

    finished = start_runner(db, "--batch-size", "10")
    _, err = finished.communicate(timeout=120)

    assert finished.returncode == 0, err
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert sum(0 < p < head for p in positions) >= KILLS - 1  # killed in the middle, not after the end
    resumed = view_rows(runner)
    assert len(resumed["audit_trail"]) == head
    assert rebuilt_rows(runner) == resumed


def test_two_runners_started_together_take_turns_and_apply_every_event_once(long_store):
    db, head, runner = long_store

    both = [start_runner(db, "--batch-size", "100", json=True) for _ in range(2)]
    outcomes = [process.communicate(timeout=300) for process in both]

    assert [process.returncode for process in both] == [0, 0], outcomes
    assert sum(json.loads(out)["applied"] for out, _ in outcomes) == head
    resumed = view_rows(runner)
    assert len(resumed["audit_trail"]) == head
    assert rebuilt_rows(runner) == resumed


def test_sigterm_in_the_middle_of_a_catch_up_commits_the_batch_in_hand_and_exits_0(long_store):
    db, head, runner = long_store
    process = start_runner(db, "--batch-size", "10", json=True)
    while lowest_position(runner) == 0 and process.poll() is None:
        time.sleep(0.002)

    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)

    assert process.returncode == 0, err
    summary = json.loads(out)
    reached = {view["position"] for view in summary["projections"]}
    assert summary["stopped"] is True and len(reached) == 1 and 0 < min(reached) < head
    audited = [row[0] for row in view_rows(runner)["audit_trail"]]
    assert audited == [e.position for e in runner.reader.read(0, min(reached))]
