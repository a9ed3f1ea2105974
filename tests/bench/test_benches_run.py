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
