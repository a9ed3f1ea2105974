"""Case load: a project with 10, 1,000 and 100,000 events loads in flat time (snapshots every 50),
against the raw driver reading the newest snapshot and the events after it and decoding them."""
from __future__ import annotations

import json
import sqlite3
import statistics
import tempfile
import time
from datetime import date
from decimal import Decimal

from bench.report import write_section
from domain.meta import Meta
from tests.support import OFFICER, START, executing_project, make_app, set_up_kalix

CHUNK = 1000


def grow(app, ref: str, events: int) -> None:
    """Add measurements until the case has `events` events, saving in chunks."""
    project = app.load_project(ref)
    meta = Meta(OFFICER, "officer", "bench", START, date(2026, 3, 1))
    while project.version < events:
        for _ in range(min(CHUNK, events - project.version)):
            project.record_measurement("elever", Decimal(project.version % 40), meta)
        app.save(project)
        project = app.load_project(ref)


def cold_load_ms(url: str, ref: str, runs: int) -> float:
    """A fresh application each time (nothing cached), loading the case."""
    times = []
    for _ in range(runs):
        app = make_app(url)
        started = time.perf_counter()
        app.load_project(ref)
        times.append((time.perf_counter() - started) * 1000)
        app.close()
    return statistics.median(times)


def raw_load_ms(path: str, project_id: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        conn = sqlite3.connect(path)
        started = time.perf_counter()
        snap = conn.execute(
            "SELECT originator_version, state FROM stored_snapshots WHERE originator_id=?"
            " ORDER BY originator_version DESC LIMIT 1", (project_id,)
        ).fetchone()
        after = snap[0] if snap else 0
        states = [json.loads(snap[1])] if snap else []
        rows = conn.execute(
            "SELECT state FROM stored_events WHERE originator_id=? AND originator_version>? ORDER BY originator_version",
            (project_id, after),
        ).fetchall()
        states += [json.loads(r[0]) for r in rows]
        times.append((time.perf_counter() - started) * 1000)
        conn.close()
    return statistics.median(times)


def main(smoke: bool = False) -> None:
    sizes = (10, 1_000) if smoke else (10, 1_000, 100_000)
    runs = 3 if smoke else 15
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = f"{tmp}/case-{size}.db"
            url = f"sqlite:///{path}"
            app = make_app(url)
            set_up_kalix(app)
            ref = executing_project(app)
            grow(app, ref, size)
            project_id = str(app.load_project(ref).id)
            app.close()
            results.append((size, cold_load_ms(url, ref, runs), raw_load_ms(path, project_id, runs)))
    first = results[0][1]
    table = "\n".join(
        f"| {size:,} | {ours:.2f} | {raw:.2f} | {ours / first:.2f}× |" for size, ours, raw in results
    )
    print(table)
    if smoke:
        return
    write_section(
        "case_load",
        f"""## Case load (issue 6.4)

A cold load (a fresh application, nothing cached) of one case with N events; snapshots every 50
events. Median of {runs}. "raw" is sqlite3 reading the newest snapshot and the events after it
and decoding their JSON, without building the aggregate. Flat means the last column does not
grow with the case: at or below 1. (The 10-event case has no snapshot yet, so it replays all its
events; the larger cases read a snapshot and the few events after it, which can cost less.)

| events in the case | ours (ms) | raw read + decode (ms) | ours vs the 10-event case |
|---:|---:|---:|---:|
{table}
""",
    )
