"""Rebuilding every read model from 1M events against a raw baseline in the same run: Python's
sqlite3 reading the same stored rows, decoding their JSON and batch-inserting equivalent rows (an
audit row per event, a decision row per decision, a portfolio row per case touched in a batch,
a ledger row per money event), in transactions of the same size."""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from bench.history import write_history
from bench.report import ratio, write_section

EVENTS, SMOKE_EVENTS = 1_000_000, 3_000
SPENDS = 30  # expenditures per case: a case is SPENDS + 9 to 15 events
BATCH = 10_000  # the runner's BATCH_SIZE, for both paths
REPEATS = 3  # interleaved; the best of each: on a shared machine one run in two can be slowed by others
ENGINE_VIEWS = ("audit-trail", "decision-register", "portfolio")  # the views of issue 3 part A


def main(smoke: bool = False) -> None:
    from infrastructure.projections.registry import ALL_PROJECTIONS
    from infrastructure.projections.runner import ProjectionRunner
    from tests.support import make_app

    target = SMOKE_EVENTS if smoke else EVENTS
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "rebuild.db"
        url = f"sqlite:///{path}"
        app = make_app(url)
        started = time.perf_counter()
        cases = -(-target // (SPENDS + 11))
        events = write_history(app, projects=cases, spends=SPENDS)
        written = time.perf_counter() - started
        print(f"   wrote {events} events in {written:.1f}s", flush=True)

        runner = ProjectionRunner.for_app(app, url, batch_size=BATCH)
        ours, baseline = [], []
        for _ in range(REPEATS):  # interleaved, best of each: the machines are shared and noisy
            ours.append(_timed(lambda: (runner.clear(), runner.catch_up())))
            baseline.append(_timed(lambda: raw_rebuild(path)))
        alone = {"read and decode only (no view)": _timed(lambda: _read_all(runner.reader))}
        if not smoke:
            groups = [[name] for name in ALL_PROJECTIONS]
            if len(ALL_PROJECTIONS) > len(ENGINE_VIEWS):
                groups.append(list(ENGINE_VIEWS))
            for names in groups:
                some = ProjectionRunner.for_app(app, url, names, batch_size=BATCH)
                alone[" + ".join(names)] = _timed(lambda: (some.clear(), some.catch_up()))
        runner.engine.dispose()
        app.close()

    (wall, cpu), (base_wall, base_cpu) = _best(ours), _best(baseline)
    rows = [
        f"| all views (`projections rebuild --all`: {', '.join(ALL_PROJECTIONS)}) | {events / wall:,.0f} |"
        f" {events / base_wall:,.0f} | **{ratio(events / wall, events / base_wall)}** |"
        f" {ratio(events / cpu, events / base_cpu)} |",
        *(f"| {name} | {events / w:,.0f} | | {ratio(events / w, events / base_wall)} |"
          f" {ratio(events / c, events / base_cpu)} |" for name, (w, c) in alone.items()),
    ]
    markdown = "\n".join([
        f"## Rebuild of every read model ({events:,} events, SQLite, batches of {BATCH})",
        "",
        f"The store: Kalix set up through the application, then {cases:,} cases of {SPENDS + 9} to {SPENDS + 15}",
        "events each driven through the real domain (`bench/history.py`: the Project aggregate's own",
        "methods, the application's mapper and chained recorder, so the audit chain's side table is the",
        f"real one), inserted 1,000 events per transaction: {events:,} events written in {written:,.0f} s.",
        "Nothing is copied or replicated; every event is distinct.",
        "",
        "Ours: `ProjectionRunner` clears the views and catches up from position 0, each batch of view",
        "writes and tracking positions in one transaction; each event read and decoded once per batch",
        "into the typed domain event every view shares (orjson, then the transcoder's own transcodings;",
        "value objects built without their generated `__init__`, which would set the same attributes).",
        "What several views ask of a batch (its events by kind, the projects it touches, the statuses",
        "they end in) is worked out once per batch; the audit trail works out each topic's payload",
        "attributes once. Python's cyclic collector rests during a batch, and the batch's decoded events",
        "are let go before it runs again (its first pass would otherwise scan every one of them).",
        "The views' SQLite connection sets `secure_delete=FAST` (this SQLite build",
        "defaults to zeroing every freed page; a rebuild's DROP TABLE then writes a page of zeros per",
        "page of old rows); the baseline keeps the default, as a plain `sqlite3` program would.",
        "On SQLite the views keyed by position (audit trail, decision register) are rowid tables; a",
        "rebuild from zero builds the indexes only reads use (case reference, year and board, status)",
        "once it reaches the head, one sort each, instead of placing an entry per row (the baseline's",
        "tables have no secondary index at all; the time to build ours is in our figures).",
        "Baseline: `sqlite3` alone reads the same stored rows, `json.loads` them and `executemany`s",
        "equivalent rows, with a commit per batch of the same size. Best of "
        f"{REPEATS} interleaved runs each; target ≥ 0.5×. The rows below the first say where the time",
        "goes (one run each; their ratios are against the same full baseline).",
        "",
        "| path | ours, events/s | baseline, events/s | ratio (wall) | ratio (CPU) |",
        "|---|---:|---:|---:|---:|",
        *rows,
        "",
        f"Per event, best run: ours {wall / events * 1e6:.1f} µs wall, {cpu / events * 1e6:.1f} µs CPU;"
        f" baseline {base_wall / events * 1e6:.1f} µs wall, {base_cpu / events * 1e6:.1f} µs CPU."
        f" Load average at the end of the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        " (other work shares the machine: CPU ratios are the steadier).",
        *_verdict(events / wall, events / base_wall, alone, events, base_cpu, cpu),
    ])
    print(markdown)
    if not smoke:
        write_section("rebuild", markdown)


def _timed(work) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process) spent on `work`."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _verdict(ours: float, baseline: float, alone: dict, events: int, baseline_cpu: float, cpu: float) -> list[str]:
    """Say plainly whether the target is met, in wall-clock and in CPU time (the steadier), and
    what bounds the rest."""
    floor = events / alone["read and decode only (no view)"][1]
    walls, cpus = ratio(ours, baseline), ratio(events / cpu, events / baseline_cpu)
    met = [name for name, value in (("wall", ours / baseline), ("CPU", baseline_cpu / cpu)) if value >= 0.5]
    clear = min(ours / baseline, baseline_cpu / cpu) >= 0.6  # runs on this shared machine differ by ~0.05
    verdict = (f"Target (≥ 0.5×) met, with room for the machine's noise: {walls} wall, {cpus} CPU."
               if clear else f"Target (≥ 0.5×) met: {walls} wall, {cpus} CPU." if len(met) == 2
               else f"**Target (≥ 0.5×) met in {met[0]} time only: {walls} wall, {cpus} CPU.**" if met
               else f"**Below the 0.5× target: {walls} wall, {cpus} CPU.**")
    return ["", verdict + " Reading the log and decoding each event into its typed domain event alone runs",
            f"at {ratio(floor, events / baseline_cpu)} the speed of the baseline's complete job in CPU time"
            " (Decimal, dates and value",
            "objects are rebuilt, not left as strings); the rest is the views' own work, the audit trail's",
            "row per event (JSON payload, recomputed chain hash) the largest share of it."]


def _read_all(reader) -> None:
    """Read and decode every batch as the runner does: the cyclic collector paused per batch, and
    the batch let go before it runs again."""
    from infrastructure.projections.runner import collector_paused

    position: int | None = 0
    while position is not None:
        with collector_paused():
            position = _last_position(reader.read(position, BATCH))


def _last_position(batch) -> int | None:
    return batch[-1].position if batch else None


def _best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return min(r[0] for r in runs), min(r[1] for r in runs)


# --- the raw baseline ------------------------------------------------------------------------

ENVELOPE = ("timestamp", "actor", "role", "command_id", "reason", "effective_date")
MONEY = {"FundingApplied": "application", "FundingGranted": "amount", "FundingReceived": "amount",
         "ExpenditureRecorded": "amount", "OwnContributionCommitted": "amount"}
STATUS = {"Registered": "idea", "ExplorationStarted": "exploration", "SubmittedForDecision": "awaiting_decision",
          "ExecutionStarted": "executing", "Completed": "completed", "Withdrawn": "withdrawn"}
TABLES = """
DROP TABLE IF EXISTS raw_audit; DROP TABLE IF EXISTS raw_decisions;
DROP TABLE IF EXISTS raw_portfolio; DROP TABLE IF EXISTS raw_ledger;
CREATE TABLE raw_audit (position INTEGER PRIMARY KEY, recorded_at TEXT, effective_date TEXT,
    aggregate_id TEXT, aggregate_type TEXT, aggregate_version INTEGER, case_ref TEXT, event_type TEXT,
    actor TEXT, role TEXT, reason TEXT, command_id TEXT, payload TEXT);
CREATE TABLE raw_decisions (position INTEGER PRIMARY KEY, project_ref TEXT, number INTEGER, body TEXT,
    meeting_date TEXT, item TEXT, outcome TEXT, conditions TEXT, ceiling TEXT, strategy_version INTEGER);
CREATE TABLE raw_portfolio (project_id TEXT PRIMARY KEY, ref TEXT, status TEXT, spent TEXT, money TEXT,
    version INTEGER, position INTEGER);
CREATE TABLE raw_ledger (position INTEGER PRIMARY KEY, ref TEXT, kind TEXT, amount TEXT, day TEXT);
"""


def _untyped(d: dict):
    """The transcoder's typed values ({"_type_": …, "_data_": …}) as their plain JSON data."""
    return d["_data_"] if "_type_" in d else d


def raw_rebuild(path: Path) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(TABLES)
    refs: dict[str, str] = {}
    cases: dict[str, list] = {}
    position = 0
    while True:
        rows = db.execute(
            "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events"
            " WHERE rowid > ? ORDER BY rowid LIMIT ?", (position, BATCH)
        ).fetchall()
        if not rows:
            break
        audit, decisions, ledger, touched = [], [], [], set()
        for position, originator, version, topic, state in rows:
            data = json.loads(state, object_hook=_untyped)
            aggregate, _, event = topic.rpartition(":")[2].rpartition(".")
            if event == "Registered":
                refs[originator] = data["ref"]
                cases[originator] = [originator, data["ref"], "idea", Decimal(0), Decimal(0), 0, 0]
            ref = refs.get(originator)
            audit.append((position, data["timestamp"], data["effective_date"], originator, aggregate, version,
                          ref, event, data["actor"], data["role"], data["reason"], data["command_id"],
                          json.dumps({k: v for k, v in data.items() if k not in ENVELOPE},
                                     ensure_ascii=False, separators=(",", ":"))))
            if aggregate != "Project":
                continue
            case = cases[originator]
            case[2] = STATUS.get(event, case[2])
            case[5], case[6] = version, position
            touched.add(originator)
            if event == "DecisionRecorded":
                d = data["decision"]
                decisions.append((position, ref, d["number"], d["body"], d["meeting_date"], d["item"],
                                  d["outcome"], json.dumps(d["conditions"]), d["ceiling"], d["strategy_version"]))
                if d["outcome"].startswith("approved") and case[2] == "awaiting_decision":
                    case[2] = "approved"
            if event in MONEY:
                money = data[MONEY[event]]
                amount = Decimal((money.get("applied") or money)["reporting"])
                if event == "ExpenditureRecorded":
                    case[3] += amount
                else:
                    case[4] += amount
                ledger.append((position, ref, event, str(amount), data["effective_date"]))
        db.execute("BEGIN")
        db.executemany("INSERT INTO raw_audit VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", audit)
        db.executemany("INSERT INTO raw_decisions VALUES (?,?,?,?,?,?,?,?,?,?)", decisions)
        db.executemany("INSERT INTO raw_ledger VALUES (?,?,?,?,?)", ledger)
        db.executemany("INSERT OR REPLACE INTO raw_portfolio VALUES (?,?,?,?,?,?,?)",
                       [(c[0], c[1], c[2], str(c[3]), str(c[4]), c[5], c[6]) for c in map(cases.get, touched)])
        db.execute("COMMIT")
    db.close()
