"""Batch: `udsyn batch FILE.jsonl` with 100k lines (register, spend, measure), one transaction per
line, run as a real process; against raw sqlite3 writing the same rows in the same transactions."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_command_path import PROJECTS, SQLiteBaseline, written_since
from bench.report import ratio, write_section
from tests.support import OFFICER, executing_project, make_app, set_up_kalix


def lines(refs: list[str], n: int):
    for i in range(n):
        ref = refs[i % len(refs)]
        kind = i % 3
        if kind == 0:
            yield {"command": "project register", "title": f"Idé {i}", "department": "buf",
                   "focus-area": ["utbildning"], "budget": "1000", "date": "2026-03-01"}
        elif kind == 1:
            yield {"command": "project spend", "args": [ref], "amount": "1.00", "category": "resor",
                   "date": "2026-03-01"}
        else:
            yield {"command": "project measure", "args": [ref, "elever"], "value": str(i), "date": "2026-03-01"}


def main(smoke: bool = False) -> None:
    n = 300 if smoke else 100_000
    udsyn = str(Path(sys.executable).with_name("udsyn"))
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/batch.db"
        app = make_app(url)
        set_up_kalix(app)
        refs = [executing_project(app, budget="10000000") for _ in range(PROJECTS)]
        position = app.recorder.max_notification_id()
        file = Path(tmp) / "batch.jsonl"
        file.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines(refs, n)))
        env = {**os.environ, "UDSYN_DB": url, "UDSYN_ACTOR": OFFICER}
        started = time.perf_counter()
        done = subprocess.run([udsyn, "batch", str(file)], env=env, capture_output=True, text=True)
        ours = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"batch failed: {done.stderr[-500:]}")
        transactions = written_since(app, position)
        raw = SQLiteBaseline(Path(tmp) / "raw.db").write(transactions)
    table = (f"| {n:,} | {sum(map(len, transactions)):,} | {n / ours:,.0f} | {n / raw:,.0f} |"
             f" {ratio(n / ours, n / raw)} |")
    print(table)
    if smoke:
        return
    write_section(
        "batch",
        f"""## Batch (issue 6.2)

`udsyn batch FILE.jsonl` as a real process: {n:,} lines cycling `project register`, `project spend`
and `project measure`, each line its own transaction (durable, SQLite WAL + `synchronous=FULL`),
a result line per line on stdout. The time includes process start-up and reading the file.
Each line goes through the CLI's own command, parsed as click parses it (a property test holds the
two together), with each command's option parser built once per batch and the options a line
leaves out taken from the first line that left out the same (`cli/batch_parsing.py`).
Raw: sqlite3 writing the very rows the batch stored, in the same transactions.

| lines | rows | batch (lines/s) | raw (transactions/s) | ratio |
|---:|---:|---:|---:|---:|
{table}
""",
    )
