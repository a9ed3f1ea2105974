"""The report as the reporting job runs it: the installed `udsyn`, a new process per command, on
the Kalix demo history (2024–2026)."""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

UDSYN = Path(sys.executable).parent / "udsyn"


def udsyn(command: str, db: str, clock: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UDSYN_")} | {"UDSYN_CLOCK": clock}
    argv = [str(UDSYN), "--db", db, "--actor", "root", *shlex.split(command)]
    return subprocess.run(argv, capture_output=True, env=env, timeout=300)


def test_the_demo_years_close_in_order_and_render_the_same_bytes_in_later_processes(sqlite_url):
    clock, later = "2027-02-20T10:00:00+00:00", "2030-05-01T08:00:00+00:00"
    assert udsyn("demo", sqlite_url, clock).returncode == 0

    out_of_order = udsyn("report close --year 2025", sqlite_url, clock)
    closes = [udsyn(f"report close --year {y}", sqlite_url, clock) for y in (2024, 2025)]
    first = udsyn("report annual --year 2025 --format xlsx", sqlite_url, clock)
    again = udsyn("report annual --year 2025 --format xlsx", sqlite_url, later)

    assert (out_of_order.returncode, out_of_order.stderr) == (1, b"error: R7: 2024 is still open; close it before 2025\n")
    assert [c.returncode for c in closes] == [0, 0], [c.stderr for c in closes]
    assert first.returncode == 0 and first.stdout.startswith(b"PK") and first.stderr == b""
    assert again.stdout == first.stdout
