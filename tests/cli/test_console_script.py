"""The installed `udsyn` console script, run as a user runs it: a new process per command."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import CLOCK, write_strategy

UDSYN = Path(sys.executable).parent / "udsyn"


def udsyn(command: str, *, db: str, actor: str = "anna") -> subprocess.CompletedProcess:
    """`udsyn --db DB --actor ACTOR COMMAND` in a new process, the clock pinned, no other UDSYN_* set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("UDSYN_")} | {"UDSYN_CLOCK": CLOCK}
    argv = [str(UDSYN), "--db", db, "--actor", actor, *shlex.split(command)]
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)


def done(result: subprocess.CompletedProcess) -> str:
    assert (result.returncode, result.stderr) == (0, ""), result
    return result.stdout


@pytest.mark.parametrize("store", ["sqlite", "postgres"])
def test_a_municipality_is_set_up_and_a_case_registered_and_shown(store, request, tmp_path):
    db = request.getfixturevalue(f"{store}_url")
    strategy_file = write_strategy(tmp_path)

    done(
        udsyn(
            "init --municipality 'Kalix kommun' --code KAL --country SE --currency SEK --language sv", db=db
        )
    )
    done(udsyn("org add-body ksau --name 'Kommunstyrelsens arbetsutskott' --kind committee", db=db))
    done(udsyn("org add-department kla --name Kommunledningsförvaltningen --board ksau", db=db))
    done(udsyn(f"strategy adopt {strategy_file} --body ksau --date 2007-11-26", db=db))
    registered = done(
        udsyn(
            "project register --title 'Elevutbyte Pielavesi' --department kla --focus-area utbildning", db=db
        )
    )
    shown = json.loads(done(udsyn("--json project show KAL-2026-0001", db=db)))

    assert registered == "KAL-2026-0001\n"
    assert (shown["ref"], shown["title"], shown["status"]) == (
        "KAL-2026-0001",
        "Elevutbyte Pielavesi",
        "idea",
    )
    assert (shown["department"], shown["registered_on"]) == ("kla", "2026-03-01")


def test_a_command_before_init_exits_4_with_one_error_line_saying_to_run_init(tmp_path):
    result = udsyn("project list", db=f"sqlite:///{tmp_path / 'udsyn.db'}")

    assert (result.returncode, result.stdout) == (4, "")
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "run 'udsyn init'" in result.stderr
    assert "Traceback" not in result.stderr


def test_udsyn_help_exits_0_without_touching_a_database(tmp_path):
    result = subprocess.run([str(UDSYN), "--help"], capture_output=True, text=True, cwd=tmp_path, timeout=60)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("Usage: udsyn [OPTIONS] COMMAND [ARGS]...")
    assert list(tmp_path.iterdir()) == []
