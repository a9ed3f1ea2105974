"""The console script starts without the garbage collector walking start-up's objects, and ends its
process without the interpreter's teardown, having done first what a normal exit does that
matters: database closed, atexit handlers run, output flushed."""
from __future__ import annotations

import csv
import gc
import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cli.main import leave
from cli.session import Session
from tests.support import executing_project, make_app, set_up_kalix, stored_event_count

UDSYN = Path(sys.executable).parent / "udsyn"


def udsyn(*argv: str, db: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("UDSYN_") and k != "PYTHONUNBUFFERED"}
    return subprocess.run([str(UDSYN), "--db", db, "--actor", "revisor", *argv], capture_output=True,
                          text=True, env=base | env, timeout=120, check=False)


@pytest.fixture(scope="module")
def kalix(tmp_path_factory) -> tuple[str, str]:
    db = f"sqlite:///{tmp_path_factory.mktemp('exit') / 'udsyn.db'}"
    app = make_app(db)
    set_up_kalix(app)
    ref = executing_project(app)
    app.close()
    return db, ref


@pytest.mark.parametrize("fmt", ["json", "csv"])  # click.echo flushes; the csv writer does not
def test_the_whole_output_arrives_through_a_pipe(kalix, fmt):
    db, ref = kalix
    result = udsyn("audit", "trail", "--format", fmt, db=db)
    assert (result.returncode, result.stderr) == (0, "")
    rows = json.loads(result.stdout) if fmt == "json" else list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == stored_event_count(kalix_app(db))
    assert ref in {row["ref"] for row in rows}


def kalix_app(db: str):
    return make_app(db)


def test_an_error_keeps_its_exit_code_and_its_one_line(kalix):
    db, _ = kalix
    result = udsyn("project", "show", "KAL-2026-9999", db=db)
    assert result.returncode == 4
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_atexit_handlers_still_run_so_the_dataclass_cache_is_written(kalix, tmp_path):
    db, ref = kalix
    cache = tmp_path / "dataclass-functions.bin"
    result = udsyn("project", "show", ref, db=db, UDSYN_DATACLASS_CACHE=str(cache), PYTHONDONTWRITEBYTECODE="")
    assert result.returncode == 0, result.stderr
    assert cache.stat().st_size > 10_000


@pytest.mark.parametrize("code", ["a message", 1.5])
def test_a_code_that_is_not_an_integer_takes_the_normal_exit(code):
    assert leave(code) is None


def test_with_another_thread_running_the_normal_exit_waits_for_it():
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert leave(0) is None
    finally:
        stop.set()
        worker.join()


def test_a_session_closes_its_database_once(kalix):
    db, _ = kalix
    session = Session(db=db, actor="revisor", as_json=False)
    app = session.app
    session.close()
    assert session._app is None and app.closing.is_set()
    session.close()  # a second close (the context's, after a command closed it) is harmless


PROBE_COLLECTION = """
import gc, sys
import cli.session
built = cli.session.Session._build  # what app and reader both build the application by

def build(self, application):
    paused = not gc.isenabled()
    built(self, application)
    print(paused, gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)

cli.session.Session._build = build
from cli.main import main
main()
"""


def test_the_console_script_collects_garbage_again_once_the_application_is_built(kalix):
    db, ref = kalix
    env = {k: v for k, v in os.environ.items() if not k.startswith("UDSYN_")}
    result = subprocess.run([sys.executable, "-c", PROBE_COLLECTION, "--db", db, "--actor", "revisor", "project",
                             "show", ref], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    paused_while_starting, collecting_after, start_up_frozen = result.stderr.split()
    assert (paused_while_starting, collecting_after, start_up_frozen) == ("True", "True", "True")


def test_main_called_with_arguments_leaves_garbage_collection_alone(kalix):
    from cli.main import main

    db, ref = kalix
    frozen = gc.get_freeze_count()
    with pytest.raises(SystemExit) as done:
        main(["--db", db, "--actor", "revisor", "project", "show", ref])
    assert done.value.code == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen
