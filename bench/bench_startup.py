"""Start-up: `udsyn --help` and a cold `udsyn project show REF` against a bare click app and
`python -c pass`, each the median of repeated fresh processes (bytecode cached, as installed).

The commands run interleaved, round after round, so a noisy neighbour hits them alike; each is
reported as wall time and as the CPU time (user + system) the process itself used, which the
other tenants of a shared machine do not inflate."""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import write_section
from tests.support import make_app, register, set_up_kalix

ROOT = Path(__file__).resolve().parent.parent
BARE_CLICK = '''
import click

@click.group()
def cli():
    """A bare click app."""

@cli.command()
def hello():
    click.echo("hi")

cli()
'''
TARGET = 2.0  # × the bare click app (issue 6.7)


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode().strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def medians(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU ms per command, the commands interleaved round by round."""
    for argv, env in commands.values():  # a first run writes what an install's first run writes
        run_once(argv, env)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (argv, env) in commands.items():
            samples[name].append(run_once(argv, env))
    return {
        name: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
        for name, got in samples.items()
    }


def main(smoke: bool = False) -> None:
    runs = 3 if smoke else 21
    python = sys.executable
    udsyn = str(Path(python).with_name("udsyn"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "UDSYN_NO_DATACLASS_CACHE")}
    subprocess.run([python, "-m", "compileall", "-q", *(str(ROOT / d) for d in ("domain", "application", "cli",
                                                                              "infrastructure"))], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_CLICK)
        db = f"sqlite:///{tmp}/udsyn.db"
        app = make_app(db)
        set_up_kalix(app)
        ref = register(app)
        app.close()
        env |= {"UDSYN_DB": db, "UDSYN_ACTOR": "olle"}
        plain = env | {"UDSYN_NO_DATACLASS_CACHE": "1"}
        commands = {
            "`python -c pass`": ([python, "-c", "pass"], env),
            "bare click app `--help`": ([python, str(bare), "--help"], env),
            "`udsyn --help`": ([udsyn, "--help"], env),
            "`udsyn project show REF` (cold)": ([udsyn, "project", "show", ref], env),
            "`udsyn project show REF`, dataclass cache off": ([udsyn, "project", "show", ref], plain),
            "`udsyn project list`": ([udsyn, "project", "list"], env),
            "`udsyn portfolio rank`": ([udsyn, "--actor", "anna", "portfolio", "rank"], env),
            "`udsyn audit verify`": ([udsyn, "--actor", "revisor", "audit", "verify"], env),
        }
        if smoke:
            commands = {name: commands[name] for name in list(commands)[:4]}
        load_before = os.getloadavg()[0]
        rows = medians(commands, runs)
        load = max(load_before, os.getloadavg()[0])
    wall_base, cpu_base = rows["bare click app `--help`"]
    table = "\n".join(
        f"| {name} | {wall:,.0f} | {wall / wall_base:.2f}× | {cpu:,.0f} | {cpu / cpu_base:.2f}× |"
        for name, (wall, cpu) in rows.items()
    )
    print(table)
    if smoke:
        return
    write_section(
        "startup",
        f"""## Start-up (issue 6.7)

Median of {runs} fresh processes each, the commands interleaved round by round, after one
warm-up run each (bytecode compiled first, as after an install; the first run also writes the
dataclass cache beside the bytecode). Wall time, and the CPU time the process itself used
(user + system), which a shared machine's other tenants inflate less. Load average during the
run: {load:.1f} on {os.cpu_count()} cores. Target: ≤ {TARGET:g}× the bare click app; before this
work (commit 39e5e06, a quiet machine) a cold `project show` took 288 ms, 4.06×.

What makes it: command groups load lazily; read-only commands import no pydantic and no
SQLAlchemy; `project show` imports only the aggregates it shows (Project, and the Organisation
for the permission check), not partnerships, ranking, reporting years or the audit tools; the
~500 methods `dataclasses` generates for our frozen event classes are compiled once and kept
beside the bytecode (`domain/dataclass_cache.py`, keyed by the exact generated source; the row
"cache off" is the same command with `UDSYN_NO_DATACLASS_CACHE=1`); the console script pauses
the garbage collector until the application is built, and ends with `os._exit` once its
database is closed, atexit handlers have run and output is flushed, skipping the interpreter's
teardown (~20 ms of freeing objects). `project list` reads the
portfolio read model with the database driver alone (sqlite3, or psycopg from the event store's
pool): SQLAlchemy is imported only when the view must be created or caught up.

| command | wall ms | × bare click | CPU ms | × bare click (CPU) |
|---|---:|---:|---:|---:|
{table}
""",
    )
