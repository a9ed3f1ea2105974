"""A cold `udsyn project show` loads only what showing a case needs (issue 6.7: start-up), and shows
exactly what it shows when every module was imported up front."""
from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.support import ctx, executing_project, make_app, set_up_kalix

ROOT = Path(__file__).resolve().parents[2]
EVERYTHING = (
    "domain.partnership", "domain.ranking", "domain.reporting_year", "domain.command_record", "domain.audit",
    "application.service", "infrastructure.transcoding", "infrastructure.audit.transfer",
    "infrastructure.audit.verify",
)
NOT_FOR_SHOWING_A_CASE = (
    "domain.partnership", "domain.ranking", "domain.reporting_year", "domain.command_record",
    "infrastructure.audit.transfer", "infrastructure.audit.verify", "pydantic", "sqlalchemy",
    # the command, ranking, reporting and audit mixins (application.reader), the strategy, the case
    # counter and the replays, the audit's values, OpenSSL's start (hashlib, until a link is made), pathlib and urllib
    # (a plain sqlite:/// --db), getpass (--actor given), the project commands that do not show
    "application.service", "application.project_commands", "application.audit", "domain.case_counter",
    "application.audit_replay", "domain.audit", "hashlib", "pathlib", "urllib.parse", "getpass",
    "cli.project_changes", "cli.project_funding", "domain.strategy",
)
# Run with -S and this venv's site-packages added by hand: an editable install's .pth finder imports
# pathlib and urllib itself, which a regular install does not.
RUN = f"""
import importlib, json, sys
sys.path.extend({site.getsitepackages()!r})
for name in sys.argv[2].split(",") if sys.argv[2] else []:
    importlib.import_module(name)
from cli.main import main
try:
    main(sys.argv[3:])
except SystemExit as e:
    code = e.code
with open(sys.argv[1], "w") as f:
    json.dump({{"code": code, "modules": sorted(sys.modules)}}, f)
"""


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> tuple[str, str]:
    db = f"sqlite:///{tmp_path_factory.mktemp('show') / 'udsyn.db'}"
    app = make_app(db)
    set_up_kalix(app)
    app.add_partner(ctx(on=date(2026, 1, 7)), key="pielavesi", name="Pielavesi kunta", country="FI",
                    kind="twin-town")
    ref = executing_project(app)
    app.spend(ctx(on=date(2026, 4, 2)), ref, amount="12500.50", category="resor", description="Buss")
    app.measure(ctx(on=date(2026, 5, 1), command_id="measure-1"), ref, key="elever", value="28")
    app.close()
    return db, ref


def show(tmp_path: Path, db: str, *argv: str, preload: tuple[str, ...] = ()) -> tuple[dict, str]:
    report = tmp_path / f"report-{len(preload)}-{'-'.join(argv)}.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("UDSYN_")}
    env |= {"UDSYN_DB": db, "UDSYN_ACTOR": "revisor"}
    done = subprocess.run([sys.executable, "-S", "-c", RUN, str(report), ",".join(preload), *argv], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.stderr == ""
    return json.loads(report.read_text()), done.stdout


def test_showing_a_case_imports_no_partnerships_ranking_reporting_years_or_audit_tools(case, tmp_path):
    db, ref = case
    report, out = show(tmp_path, db, "project", "show", ref)
    assert report["code"] == 0 and ref in out
    assert [m for m in NOT_FOR_SHOWING_A_CASE if m in report["modules"]] == []


@pytest.mark.parametrize("argv", [
    ("project", "show"), ("--json", "project", "show"), ("project", "show", "--version", "3"),
    ("--json", "project", "show", "--effective-on", "2026-03-01"),
], ids=" ".join)
def test_a_case_shows_the_same_with_everything_imported_up_front(case, tmp_path, argv):
    db, ref = case
    lazily, shown = show(tmp_path, db, *argv, ref)
    eagerly, shown_eagerly = show(tmp_path, db, *argv, ref, preload=EVERYTHING)
    assert lazily["code"] == eagerly["code"] == 0
    assert shown == shown_eagerly
    assert "domain.partnership" in eagerly["modules"]  # the comparison did import everything


def test_udsyn_help_imports_no_aggregate(tmp_path):
    report, out = show(tmp_path, "sqlite:///nowhere.db", "--help")
    assert report["code"] == 0 and "project" in out
    assert [m for m in report["modules"] if m.startswith(("domain.", "eventsourcing"))] == [
        "domain.dataclass_cache", "domain.errors"
    ]
