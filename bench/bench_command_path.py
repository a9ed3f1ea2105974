"""Command path: register, spend and measure through the application, one transaction each,
against the raw driver writing the same rows in the same transactions with the same durability."""
from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from bench.report import ratio, write_section
from tests.support import ctx, executing_project, make_app, set_up_kalix

SPENDING_DAY = date(2026, 3, 1)
PROJECTS = 10


ROUND = 50  # ours and the baseline alternate in rounds, so drift in the shared disk hits both alike


def run_commands(app, refs: list[str], first: int, n: int) -> float:
    """Commands first … first+n-1, cycling register / spend / measure; returns the seconds taken."""
    on = ctx(on=SPENDING_DAY)
    started = time.perf_counter()
    for i in range(first, first + n):
        ref = refs[i % len(refs)]
        kind = i % 3
        if kind == 0:
            app.register_project(on, title=f"Idé {i}", department="buf", focus_area=["utbildning"], budget="1000")
        elif kind == 1:
            app.spend(on, ref, amount="1.00", category="resor")
        else:
            app.measure(on, ref, key="elever", value=str(i))
    return time.perf_counter() - started


class Counter(Aggregate):
    """The library alone: one small aggregate, one event per command."""

    def __init__(self, name: str) -> None:
        self.name, self.count = name, 0

    @event("Counted")
    def count_one(self, by: int) -> None:
        self.count += by


class LibraryAlone(Application):
    pass


def library_alone(url: str, n: int, baseline_factory) -> dict:
    """Per command: get a (cached) aggregate, trigger one event, save, in rounds like ours."""
    from infrastructure.database import parse_url

    env = {k: v for k, v in parse_url(url).env.items() if k != "TRANSCODER_TOPIC"}
    app = LibraryAlone({**env, "AGGREGATE_CACHE_MAXSIZE": "100"})
    ids = []
    for i in range(PROJECTS):
        counter = Counter(f"c{i}")
        app.save(counter)
        ids.append(counter.id)
    grouped, per_row = baseline_factory("grouped"), baseline_factory("per_row")
    ours = raw = raw_per_row = 0.0
    for first in range(0, n, ROUND):
        position = app.recorder.max_notification_id() or 0
        started = time.perf_counter()
        for i in range(first, min(first + ROUND, n)):
            counter = app.repository.get(ids[i % len(ids)])
            counter.count_one(1)
            app.save(counter)
        ours += time.perf_counter() - started
        rows = [[(str(r.originator_id), r.originator_version, r.topic, r.state)]
                for r in app.recorder.select_notifications(position + 1, 10**9)]
        raw += grouped.write(rows)
        raw_per_row += per_row.write(rows)
    app.close()
    return {"n": n, "rows": n, "ours": ours, "raw": raw, "raw_per_row": raw_per_row}


def prepared(url: str):
    app = make_app(url)
    set_up_kalix(app)
    refs = [executing_project(app, budget="1000000") for _ in range(PROJECTS)]
    return app, refs


def written_since(app, position: int) -> list[list[tuple]]:
    """The rows the timed commands wrote, grouped into their transactions (by command id)."""
    groups: dict[str, list[tuple]] = defaultdict(list)
    for n in app.recorder.select_notifications(position + 1, 10**9):
        command_id = json.loads(n.state)["command_id"]
        groups[command_id].append((str(n.originator_id), n.originator_version, n.topic, n.state))
    return list(groups.values())


class SQLiteBaseline:
    """Raw sqlite3: the same schema, WAL, synchronous=FULL (the library's connections run with
    SQLite's default, FULL), one transaction per command."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute(
            "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT,"
            " state BLOB, PRIMARY KEY (originator_id, originator_version))"
        )

    def write(self, transactions: list[list[tuple]]) -> float:
        started = time.perf_counter()
        for rows in transactions:
            self.conn.execute("BEGIN")
            self.conn.executemany("INSERT INTO stored_events VALUES (?, ?, ?, ?)", rows)
            self.conn.execute("COMMIT")
        return time.perf_counter() - started


class PostgresBaseline:
    """Raw psycopg 3: a table like the event table, one transaction per command."""

    def __init__(self, url: str, kind: str, like: str = "udsyn_events") -> None:
        import psycopg

        from infrastructure.database import parse_url

        env = parse_url(url).env
        self.schema = env.get("POSTGRES_SCHEMA", "public")
        self.conn = psycopg.connect(
            host=env["POSTGRES_HOST"], port=int(env["POSTGRES_PORT"]), user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"], dbname=env["POSTGRES_DBNAME"], autocommit=True,
        )
        self.table = f'"{self.schema}".baseline_{kind}'
        self.conn.execute(f'CREATE TABLE {self.table} (LIKE "{self.schema}".{like} INCLUDING ALL)')

    def write(self, transactions: list[list[tuple]]) -> float:
        """Each transaction as one prepared INSERT of all its rows in autocommit mode: one round
        trip and an implicit commit, the leanest the driver can do it."""
        statements = {}
        started = time.perf_counter()
        for rows in transactions:
            statement = statements.get(len(rows))
            if statement is None:
                values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
                statement = statements[len(rows)] = (
                    f"INSERT INTO {self.table} (originator_id, originator_version, topic, state) VALUES {values}"
                ).encode()
            self.conn.execute(statement, [v for r in rows for v in r], prepare=True)
        return time.perf_counter() - started


def measure(url: str, n: int, baseline_factory, more_writers=None) -> dict:
    """Ours, then each baseline writing the rows our commands just stored, round by round.
    `more_writers(app)` may name further writers, each timed on the same transactions."""
    app, refs = prepared(url)
    grouped, per_row = baseline_factory("grouped"), baseline_factory("per_row")
    writers = {"raw": grouped.write, "raw_per_row": lambda transactions: per_row.write(one_per_row(transactions)),
               **(more_writers(app) if more_writers else {})}
    times = dict.fromkeys(writers, 0.0)
    ours = 0.0
    rows = 0
    for first in range(0, n, ROUND):
        position = app.recorder.max_notification_id() or 0
        ours += run_commands(app, refs, first, min(ROUND, n - first))
        transactions = written_since(app, position)
        rows += sum(len(t) for t in transactions)
        for name, write in writers.items():
            times[name] += write(transactions)
    app.close()
    return {"n": n, "rows": rows, "ours": ours, **times}


def one_per_row(transactions: list[list[tuple]]) -> list[list[tuple]]:
    return [[r] for t in transactions for r in t]


class PostgresTransactionBaseline(PostgresBaseline):
    """Raw psycopg 3 the way its documentation writes a transaction: `with conn.transaction()`
    around the INSERT, i.e. BEGIN, INSERT, COMMIT — the statements the SQLite baseline sends."""

    def write(self, transactions: list[list[tuple]]) -> float:
        statement = (f"INSERT INTO {self.table} (originator_id, originator_version, topic, state) "
                     "VALUES (%s, %s, %s, %s)").encode()
        started = time.perf_counter()
        for rows in transactions:
            with self.conn.transaction():
                for r in rows:
                    self.conn.execute(statement, r, prepare=True)
        return time.perf_counter() - started


class AppendAlone:
    """Our PostgreSQL recorder's append function (table lock, chain links, NOTIFY) fed the rows
    our commands stored, into a second event table, with no domain, no rules and no checks in
    front of it: the floor of our write path, whatever the Python above it costs."""

    def __init__(self, app) -> None:
        from eventsourcing.persistence import StoredEvent

        from infrastructure.audit.postgres_recorder import ChainedPostgresRecorder

        self.recorder = ChainedPostgresRecorder(app.recorder.datastore, events_table_name="append_alone_events")
        self.recorder.create_table()
        self.stored_event = StoredEvent

    def write(self, transactions: list[list[tuple]]) -> float:
        batches = [[self.stored_event(originator_id=r[0], originator_version=r[1], topic=r[2], state=r[3])
                    for r in rows] for rows in transactions]
        started = time.perf_counter()
        for events in batches:
            self.recorder.insert_events(events)
        return time.perf_counter() - started


def postgres_writers(url: str):
    """The two further PostgreSQL writers, made once the application (and its schema) exists."""
    def writers(app) -> dict:
        transaction, alone = PostgresTransactionBaseline(url, "transaction"), AppendAlone(app)
        return {"raw_transaction": lambda transactions: transaction.write(one_per_row(transactions)),
                "append_alone": alone.write}
    return writers


def row(kind: str, m: dict) -> str:
    """Ratios are time against time for the same rows: the raw driver's over ours."""
    return (
        f"| {kind} | {m['n']:,} | {m['rows']:,} | {m['n'] / m['ours']:,.0f} | {m['raw_per_row'] * 1000:,.0f}"
        f" | **{ratio(m['raw_per_row'], m['ours'])}** | {m['raw'] * 1000:,.0f} | {ratio(m['raw'], m['ours'])} |"
    )


def postgres_baselines(m: dict) -> str:
    """Per command, ours against each way of writing the same rows on PostgreSQL."""
    def line(what: str, seconds: float, against: str) -> str:
        return f"| {what} | {seconds / m['n'] * 1000:.3f} | {against} |"
    return "\n".join([
        "| PostgreSQL: the same rows written by | ms per command | ours at |",
        "|---|---:|---:|",
        line("our command path (the table above)", m["ours"], ""),
        line("raw psycopg, one prepared autocommit `INSERT` per row (one round trip; the ratio above)",
             m["raw_per_row"], f"**{ratio(m['raw_per_row'], m['ours'])}**"),
        line("raw psycopg, `with conn.transaction()` per row (`BEGIN`, `INSERT`, `COMMIT`, as the SQLite "
             "baseline sends them)", m["raw_transaction"], f"**{ratio(m['raw_transaction'], m['ours'])}**"),
        line("our append function alone, fed the same rows: no domain, no rules, no pydantic (the floor)",
             m["append_alone"], f"{ratio(m['raw_per_row'], m['append_alone'])} at best"),
    ])


ISSUE_LIBRARY_ALONE = 0.57  # what issue 6.1 says the library alone reached where its target was set


def at_the_issues_calibration(ours: dict, alone: dict) -> float:
    """Our ratio on a store whose commit costs `d` more, `d` chosen so that the library alone
    reaches the issue's ~0.57× there as it reaches its own ratio here: every path keeps its CPU and
    pays `d` per commit (ours one per command, the baseline one per row). A model, not a run."""
    lib, lib_raw = alone["ours"] / alone["n"], alone["raw_per_row"] / alone["rows"]
    d = (ISSUE_LIBRARY_ALONE * lib - lib_raw) / (1 - ISSUE_LIBRARY_ALONE)
    rows = ours["rows"] / ours["n"]
    return rows * (ours["raw_per_row"] / ours["rows"] + d) / (ours["ours"] / ours["n"] + d)


RUNS = {"SQLite": 7, "PostgreSQL": 3}  # whole runs, each on fresh stores: the shared disk's fsync drifts
# within minutes, which moves a run's ratio by a few hundredths, so a ratio is read over several runs


def ratio_of(m: dict, baseline: str = "raw_per_row") -> float:
    return m[baseline] / m["ours"]


def median_run(runs: list[dict]) -> dict:
    """The run whose ratio (a commit per row) is the median: its figures are the ones tabled."""
    return sorted(runs, key=ratio_of)[len(runs) // 2]


def spread(values: list[float]) -> str:
    """`0.70× (0.67–0.72× over 7 runs)`: the median, then the range."""
    values = sorted(values)
    if len(values) == 1:
        return f"{values[0]:.2f}×"
    return f"{values[len(values) // 2]:.2f}× ({values[0]:.2f}–{values[-1]:.2f}× over {len(values)} runs)"


def against_target(values: list[float], target: float = 0.7) -> str:
    """Where a set of runs' ratios stands against the target, in words."""
    values = sorted(values)
    if values[0] >= target:
        return f"at or above {target:.1f}× in every run"
    if values[len(values) // 2] >= target:
        return f"the median meets {target:.1f}× but not every run does, so it is at the target without a margin"
    return f"below {target:.1f}× in most runs"


def sqlite_run(n: int) -> tuple[dict, dict]:
    """One run on fresh files: our commands, and the library alone, each against its raw rows."""
    with tempfile.TemporaryDirectory() as tmp:
        lite = measure(f"sqlite:///{tmp}/bench.db", n, lambda kind: SQLiteBaseline(Path(tmp) / f"raw-{kind}.db"))
        alone = library_alone(f"sqlite:///{tmp}/alone.db", n,
                              lambda kind: SQLiteBaseline(Path(tmp) / f"raw-alone-{kind}.db"))
    return lite, alone


def main(smoke: bool = False) -> None:
    n = 60 if smoke else 3000
    pairs = [sqlite_run(n) for _ in range(1 if smoke else RUNS["SQLite"])]
    for lite_run, alone_run in pairs:
        print(row("SQLite", lite_run), flush=True)
    lite = median_run([lite_run for lite_run, _ in pairs])
    alone = next(alone_run for lite_run, alone_run in pairs if lite_run is lite)
    lite_spread = spread([ratio_of(m) for m, _ in pairs])
    print(f"SQLite: {lite_spread}")
    print(row("SQLite, the library alone", alone))
    calibrated = spread([at_the_issues_calibration(m, a) for m, a in pairs])
    print(f"SQLite at the issue's calibration (a model): {calibrated}")
    pgs = [_with_postgres_schema(
        lambda url: measure(url, n, lambda kind: PostgresBaseline(url, kind), postgres_writers(url)))
        for _ in range(1 if smoke else RUNS["PostgreSQL"])]
    pg = median_run(pgs)
    pg_spread = {b: spread([ratio_of(m, b) for m in pgs]) for b in ("raw_per_row", "raw_transaction")}
    floor = spread([m["raw_per_row"] / m["append_alone"] for m in pgs])
    print(row("PostgreSQL", pg))
    print(postgres_baselines(pg))
    print(f"PostgreSQL: {pg_spread['raw_per_row']}; against a transaction per row {pg_spread['raw_transaction']};"
          f" the append alone at {floor}")
    pg_alone = _with_postgres_schema(
        lambda url: library_alone(url, n, lambda kind: PostgresBaseline(url, kind, "libraryalone_events")))
    print(row("PostgreSQL, the library alone", pg_alone))
    if smoke:
        return
    write_section(
        "command_path",
        f"""## Command path (issue 6.1)

N commands cycling `project register`, `project spend` and `project measure` through the
application, one command per transaction, durable (SQLite WAL with `synchronous=FULL`, the
library's default; PostgreSQL defaults). The baseline is the issue's: the raw driver inserting the
very event rows those commands stored, **one commit per row**, same durability, into a table of the
same schema. Each store is measured in several whole runs on fresh stores; the table holds
the run with the median ratio, and the ratios' range is given below it. On PostgreSQL the raw rows go as one prepared `INSERT` per transaction in autocommit
mode: one round trip and an implicit commit, the leanest psycopg does it (its ordinary
transaction, `BEGIN`, `INSERT`, `COMMIT`, takes three round trips; it is measured too, below). The stricter column groups
the raw rows into our transactions (a register stores two rows in one). Ratios are the raw time over ours for the same rows; target ≥ 0.7×. Our commands also
write the audit chain's rows and the snapshots, which neither baseline writes. "The library
alone" is `eventsourcing` with a one-field aggregate: get it (cached), trigger one event, save — no
rules, no authorisation, no metadata, no chain.

| store | commands | event rows | ours (cmd/s) | raw, a commit per row (ms) | ratio | raw, our transactions (ms) | ratio |
|---|---:|---:|---:|---:|---:|---:|---:|
{row("SQLite", lite)}
{row("SQLite, the library alone", alone)}
{row("PostgreSQL", pg)}
{row("PostgreSQL, the library alone", pg_alone)}

Over the runs, a commit per row: SQLite **{lite_spread}**; PostgreSQL **{pg_spread['raw_per_row']}**.

**PostgreSQL against three ways of writing the same rows.** The last row times our recorder's
append function (the table lock, the write-time check, the chain links, `NOTIFY`) fed the stored
rows with nothing in front of it; "at best" is the ratio we would have if deciding a command cost
nothing. Against psycopg's leanest write (one prepared autocommit `INSERT`: one round trip and a
durable commit, which on a local server cost little more than the round trip), the audit chain
and the lock that keeps positions and links in order already take us to about 0.7×, and the
Python that decides a command (pydantic, the rules, the library's events, the mapper) costs about
as much again as a raw row. Against the driver's ordinary transaction per row (`BEGIN`, `INSERT`,
`COMMIT`: the statements the SQLite baseline sends) the gap is the Python alone.

{postgres_baselines(pg)}

**CPU per command, the figure that decides here.** With a fast fsync (~0.25 ms on a quiet machine)
a durable commit is cheap and the CPU per command decides; on a busy disk every row comes closer
to 1. Counted with callgrind (N commands minus N=100, over the difference; within ~1% run to run,
where wall time on 2 shared cores is not): **1,019k instructions per command before issue 6.1,
~370k after its fourth round, ~356k after its fifth on the same interpreter, and ~318k on the
interpreter `make` now chooses** (the library alone: ~1.24M). That interpreter is the
distribution's CPython 3.11 (Debian's, built with PGO and LTO and libpython linked in); the plain
shared build pyenv makes from source runs the same command in ~10% more instructions, and slower
per instruction. Both paths of every row here run in the same interpreter.

What each round cut, what a commit writes, and what was measured and not taken:
[docs/command-path.md](docs/command-path.md).

**Where 0.7× stands.** On SQLite **{lite_spread}**; {against_target([ratio_of(m) for m, _ in pairs])}. It was 0.54–0.56×
before the third round, 0.61–0.62× after it and 0.65–0.68× after the fourth. The fifth round's
three engineers found 3–9k instructions each (the cache's slots used inline, R7's options with its
check, a case's id by uuid5 directly, the mapper's names checked as one tuple): what is left is
spread over every layer of a command, none dominant (docs/command-path.md, "Sixth session", has
where the time goes now: the gap is the user CPU of deciding, encoding and the recorder's Python;
the disk's share is the baseline's). On PostgreSQL the target is not met against psycopg's
leanest write: our append function alone, with no Python in front of it, sits at {floor} of it
(the table above), so it cannot be met there without dropping the audit chain's ordering lock or
its links; against psycopg's ordinary transaction per row (the statements the SQLite baseline
sends) we are at **{pg_spread['raw_transaction']}**; against the autocommit `INSERT`,
{pg_spread['raw_per_row']}, with the append function alone at {floor}. The library alone, with none of our rules, stays at ~0.3× on
both stores.

**The target's calibration.** The issue quotes ~0.57× for the library alone where its target was
set; here the library alone reaches {ratio(alone['raw_per_row'], alone['ours'])}, because this machine's durable commit is fast
next to its CPU, which weighs every microsecond of Python more. If a commit cost more by the amount
that brings the library alone to 0.57× (every path keeps its CPU and pays the difference per
commit: ours once per command, the baseline once per row), our SQLite ratio would be
**{calibrated}** (`at_the_issues_calibration`; a model from each run's figures, not a
measurement).
""",
    )


def _with_postgres_schema(work):
    """Run `work(url)` on a fresh schema of the test database, dropped afterwards."""
    from tests.postgres import fresh_schema

    with fresh_schema("bench") as url:
        return work(url)
