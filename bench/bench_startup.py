"""Start-up: `udsyn --help` and a cold `udsyn project show REF` against a bare click app and
`python -c pass`, each the median of repeated fresh processes (bytecode cached, as installed)."""
from __future__ import annotations

import os
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


def median_ms(argv: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(smoke: bool = False) -> None:
    runs = 3 if smoke else 15
    python = sys.executable
    udsyn = str(Path(python).with_name("udsyn"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
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
        rows = {
            "`python -c pass`": median_ms([python, "-c", "pass"], env, runs),
            "bare click app `--help`": median_ms([python, str(bare), "--help"], env, runs),
            "`udsyn --help`": median_ms([udsyn, "--help"], env, runs),
            "`udsyn project show REF` (cold)": median_ms([udsyn, "project", "show", ref], env, runs),
        }
    baseline = rows["bare click app `--help`"]
    table = "\n".join(f"| {name} | {ms:,.0f} | {ms / baseline:.2f}× |" for name, ms in rows.items())
    print(table)
    if smoke:
        return
    write_section(
        "startup",
        f"""## Start-up (issue 6.7)

Median wall time of {runs} fresh processes each, bytecode compiled first (as after an install).
Target: ≤ 2× the bare click app. Command groups load lazily; read-only commands never import
pydantic (command models load on first use) nor SQLAlchemy (the `--db` URL is parsed by our
own reader, tested against SQLAlchemy's). What remains for `project show` is Python, click,
and the `eventsourcing` library building our ~40 event dataclasses at import.

| command | ms | × bare click |
|---|---:|---:|
{table}
""",
    )
