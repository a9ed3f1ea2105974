"""Every bench runs in its seconds-long smoke mode, so `make bench` cannot rot between runs."""
from __future__ import annotations

import importlib
import pkgutil

import pytest

import bench

BENCHES = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))


def test_there_are_benches_to_run():
    assert {"bench_command_path", "bench_batch", "bench_case_load", "bench_startup"} <= set(BENCHES)


@pytest.mark.parametrize("name", BENCHES)
def test_a_bench_runs_in_smoke_mode_and_writes_nothing(name, monkeypatch):
    written = []
    module = importlib.import_module(f"bench.{name}")
    monkeypatch.setattr(module, "write_section", lambda *a: written.append(a), raising=False)

    module.main(smoke=True)

    assert written == []


def test_the_issues_calibration_is_our_plain_ratio_where_the_library_alone_already_reaches_the_issues():
    from bench.bench_command_path import ISSUE_LIBRARY_ALONE, at_the_issues_calibration

    ours = {"n": 3000, "rows": 4000, "ours": 1.4, "raw_per_row": 0.85}
    alone = {"n": 3000, "rows": 3000, "ours": 1.0, "raw_per_row": ISSUE_LIBRARY_ALONE}

    assert at_the_issues_calibration(ours, alone) == pytest.approx(0.85 / 1.4)


def test_a_slower_commit_elsewhere_brings_every_ratio_closer_to_one():
    from bench.bench_command_path import at_the_issues_calibration

    ours = {"n": 3000, "rows": 4000, "ours": 1.4, "raw_per_row": 0.85}
    alone = {"n": 3000, "rows": 3000, "ours": 1.8, "raw_per_row": 0.6}  # 0.33x here: a fast commit

    assert 0.85 / 1.4 < at_the_issues_calibration(ours, alone) < 1


def test_the_tabled_run_is_the_one_with_the_median_ratio_and_the_range_spans_every_run():
    from bench.bench_command_path import median_run, spread

    runs = [{"ours": 1.0, "raw_per_row": r} for r in (0.72, 0.66, 0.70, 0.69, 0.75)]

    assert median_run(runs) is runs[2]
    assert spread([m["raw_per_row"] / m["ours"] for m in runs]) == "0.70× (0.66–0.75× over 5 runs)"
    assert spread([0.7]) == "0.70×"


def test_where_runs_stand_against_the_target_is_said_by_their_worst_and_their_median():
    from bench.bench_command_path import against_target

    assert against_target([0.71, 0.74, 0.72]) == "at or above 0.7× in every run"
    assert against_target([0.68, 0.71, 0.72]).startswith("the median meets 0.7× but not every run does")
    assert against_target([0.68, 0.69, 0.72]) == "below 0.7× in most runs"
