"""Building and rendering a report pause Python's cyclic garbage collector, and restore it."""
from __future__ import annotations

import gc

import pytest

from infrastructure.reports.quiet import without_cycle_collection


@without_cycle_collection
def _state() -> bool:
    return gc.isenabled()


@without_cycle_collection
def _refused() -> None:
    raise ValueError("refused")


def test_the_collector_rests_during_a_step_and_runs_again_after_it():
    assert gc.isenabled()
    assert _state() is False
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_step_that_raised():
    with pytest.raises(ValueError):
        _refused()
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused():
    gc.disable()
    try:
        _state()
        assert not gc.isenabled()
    finally:
        gc.enable()
