"""`report annual` as a fresh process: on a caught-up ledger it reads the tables with the database
driver alone (SQLAlchemy is not imported); a lagging ledger is caught up first, as before."""
from __future__ import annotations

import json
from datetime import date

from tests.cli.helpers import run
from tests.reporting.closing import year_2026
from tests.reporting.processes import AFTER, udsyn_process
from tests.support import AUDITOR, REPORTER, ctx, make_app, set_up_kalix


def kalix_2026(db: str) -> None:
    app = make_app(db)
    set_up_kalix(app)
    year_2026(app)
    app.close()


def test_a_report_on_a_caught_up_ledger_never_imports_sqlalchemy_and_matches_the_in_process_report(db_url, tmp_path):
    kalix_2026(db_url)
    assert run("projections run", db=db_url, actor=REPORTER, clock=AFTER).code == 0
    in_process = run(f"report annual --year 2026 -o {tmp_path / 'a.md'}", db=db_url, actor=REPORTER, clock=AFTER)

    done, imported = udsyn_process(db_url, REPORTER, "report", "annual", "--year", "2026", "-o", str(tmp_path / "b.md"))

    assert in_process.code == 0 and done.returncode == 0, done.stderr
    assert imported == []
    assert (tmp_path / "b.md").read_bytes() == (tmp_path / "a.md").read_bytes()
    assert "Utgifter" in (tmp_path / "b.md").read_text()


def test_an_auditor_reads_a_caught_up_ledger_without_sqlalchemy_too(db_url, tmp_path):
    kalix_2026(db_url)
    assert run("projections run", db=db_url, actor=REPORTER, clock=AFTER).code == 0

    done, imported = udsyn_process(db_url, AUDITOR, "--json", "report", "annual", "--year", "2026")

    assert done.returncode == 0, done.stderr
    assert imported == []
    assert json.loads(done.stdout)["report"]["totals"]["expenditure"] == "12000.50"


def a_ledger_one_spending_behind(db_url: str) -> None:
    """Kalix's 2026 with the ledger caught up, then 5 SEK more spent that it has not seen."""
    kalix_2026(db_url)
    assert run("projections run", db=db_url, actor=REPORTER, clock=AFTER).code == 0
    app = make_app(db_url)
    app.spend(ctx(on=date(2026, 7, 1)), "KAL-2026-0001", amount="5", category="resor")
    app.close()


def test_a_reporter_on_a_lagging_ledger_gets_it_caught_up_first_in_a_fresh_process(db_url, tmp_path):
    a_ledger_one_spending_behind(db_url)

    done, _ = udsyn_process(db_url, REPORTER, "--json", "report", "annual", "--year", "2026")
    again, imported = udsyn_process(db_url, REPORTER, "--json", "report", "annual", "--year", "2026")

    assert done.returncode == 0 and again.returncode == 0, done.stderr + again.stderr
    first = json.loads(done.stdout)
    assert first["report"]["totals"]["expenditure"] == "12005.50"
    assert (first["standing"]["stale"], first["standing"]["position"]) == (False, first["standing"]["head"])
    assert imported == [] and json.loads(again.stdout) == first


def test_an_auditor_on_a_lagging_ledger_is_told_it_is_stale_in_a_fresh_process(db_url, tmp_path):
    a_ledger_one_spending_behind(db_url)

    done, _ = udsyn_process(db_url, AUDITOR, "--json", "report", "annual", "--year", "2026")

    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    standing = shown["standing"]
    assert standing["stale"] is True and standing["head"] == standing["position"] + 1
    assert shown["report"]["totals"]["expenditure"] == "12000.50"
    assert "warning: the ledger is at position" in done.stderr
