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

    def __init__(self, url: str) -> None:
        import psycopg

        from infrastructure.database import parse_url

        env = parse_url(url).env
        self.schema = env.get("POSTGRES_SCHEMA", "public")
        self.conn = psycopg.connect(
            host=env["POSTGRES_HOST"], port=int(env["POSTGRES_PORT"]), user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"], dbname=env["POSTGRES_DBNAME"], autocommit=True,
        )
        self.conn.execute(f'CREATE TABLE "{self.schema}".baseline (LIKE "{self.schema}".udsyn_events INCLUDING ALL)')

    def write(self, transactions: list[list[tuple]]) -> float:
        started = time.perf_counter()
        for rows in transactions:
            with self.conn.transaction(), self.conn.cursor() as cur:
                cur.executemany(
                    f'INSERT INTO "{self.schema}".baseline (originator_id, originator_version, topic, state)'
                    " VALUES (%s, %s, %s, %s)",
                    rows,
                )
        return time.perf_counter() - started


def measure(url: str, n: int, baseline_factory) -> dict:
    app, refs = prepared(url)
    baseline = baseline_factory()
    ours = raw = 0.0
    rows = 0
    cpu = time.process_time()
    for first in range(0, n, ROUND):
        position = app.recorder.max_notification_id() or 0
        ours += run_commands(app, refs, first, min(ROUND, n - first))
        transactions = written_since(app, position)
        rows += sum(len(t) for t in transactions)
        raw += baseline.write(transactions)
    return {"n": n, "rows": rows, "ours": ours, "raw": raw, "cpu": time.process_time() - cpu}


def row(kind: str, m: dict) -> str:
    return (
        f"| {kind} | {m['n']:,} | {m['rows']:,} | {m['n'] / m['ours']:,.0f} | {m['n'] / m['raw']:,.0f}"
        f" | **{ratio(m['n'] / m['ours'], m['n'] / m['raw'])}** |"
    )


def main(smoke: bool = False) -> None:
    n = 60 if smoke else 3000
    with tempfile.TemporaryDirectory() as tmp:
        lite = measure(f"sqlite:///{tmp}/bench.db", n, lambda: SQLiteBaseline(Path(tmp) / "raw.db"))
    print(row("SQLite", lite))
    pg = _with_postgres_schema(lambda url: measure(url, n, lambda: PostgresBaseline(url)))
    print(row("PostgreSQL", pg))
    if smoke:
        return
    write_section(
        "command_path",
        f"""## Command path (issue 6.1)

N commands cycling `project register`, `project spend` and `project measure` through the
application, one command per transaction, durable (SQLite WAL with `synchronous=FULL`, the
library's default; PostgreSQL defaults). Baseline: the raw driver inserting the very rows those
commands stored, grouped into the same transactions, into a table of the same schema.
Target ≥ 0.7×.

| store | commands | rows | ours (cmd/s) | raw (cmd/s) | ratio |
|---|---:|---:|---:|---:|---:|
{row("SQLite", lite)}
{row("PostgreSQL", pg)}
""",
    )


def _with_postgres_schema(work):
    import uuid

    import psycopg

    from tests.conftest import PG_URL
    from infrastructure.database import parse_url

    env = parse_url(PG_URL).env
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(
        host=env["POSTGRES_HOST"], port=int(env["POSTGRES_PORT"]), user=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"], dbname=env["POSTGRES_DBNAME"], autocommit=True,
    ) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            return work(f"{PG_URL}?schema={schema}")
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
