"""`udsyn report annual` and `udsyn report close` end to end on a SQLite file: formats, languages,
Babel formatting, bad input, closing, and a closed year rendered again byte for byte."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.cli.helpers import assert_one_error_line, run, stored_events
from tests.reporting.closing import year_2026
from tests.support import ADMIN, AUDITOR, REPORTER, ctx, make_app, set_up_kalix

AFTER = "2027-02-15T10:00:00+00:00"
FORMATS = ("md", "csv", "json", "xlsx", "html")


@pytest.fixture
def db(sqlite_url):
    app = make_app(sqlite_url)
    set_up_kalix(app)
    year_2026(app)
    app.close()
    return sqlite_url


def annual(db, args: str, tmp_path, name: str = "report", actor: str = REPORTER, clock: str = AFTER) -> bytes:
    path = tmp_path / name
    outcome = run(f"report annual {args} -o {path}", db=db, actor=actor, clock=clock)
    assert (outcome.code, outcome.err) == (0, ""), outcome.err
    return path.read_bytes()


def test_the_markdown_report_shows_each_project_with_danish_and_swedish_babel_formats(db, tmp_path):
    sv = annual(db, "--year 2026", tmp_path, "sv.md").decode()
    da = annual(db, "--year 2026 --lang da", tmp_path, "da.md").decode()

    assert "# Internationella projekt – årsredovisning 2026" in sv
    assert "Utgifter 12\xa0000,50\xa0kr" in sv
    assert "Forbrug 12.000,50\xa0SEK" in da  # Kalix reports in SEK; Danish shows the code
    assert "Preliminär: året är inte stängt." in sv
    assert "Elever i utbyte: 30 / ej mätt" in sv
    assert "KAL-2026-0001 Elevutbyte med Pielavesi – försenad, senast 31 januari 2027" in sv


def test_the_english_report_labels_everything_in_english(db, tmp_path):
    en = annual(db, "--year 2026 --lang en --format html", tmp_path, "en.html").decode()

    assert "<h1>International projects – annual report 2026</h1>" in en
    assert "Missing and overdue annual statements" in en and "31 January 2027" in en


def test_the_html_report_is_one_self_contained_file_with_an_svg_chart_of_shares_against_the_target(db, tmp_path):
    html = annual(db, "--year 2026 --format html", tmp_path, "r.html").decode()

    assert html.startswith("<!DOCTYPE html>") and "<style>" in html and "<svg" in html
    assert "src=" not in html and "href=" not in html and "@import" not in html and "url(" not in html
    assert "Barn- och utbildningsnämnden" in html.split("<svg", 1)[1].split("</svg>")[0]
    assert "mål 50,0\xa0%" in html


def test_the_xlsx_report_has_typed_numeric_and_date_cells(db, tmp_path):
    book = load_workbook(io.BytesIO(annual(db, "--year 2026 --format xlsx", tmp_path, "r.xlsx")))

    projects = book.worksheets[0]
    header = [c.value for c in projects[1]]
    row = {h: c for h, c in zip(header, projects[2])}
    assert row["Utgifter"].data_type == "n" and row["Utgifter"].value == 12000.5
    assert row["Utgifter"].number_format == "#,##0.00"
    due = book.worksheets[2]["E2"]
    assert due.is_date and due.value.date() == date(2027, 1, 31)


def test_csv_and_json_are_for_tooling_with_plain_decimals(db, tmp_path):
    csv_text = annual(db, "--year 2026 --format csv", tmp_path, "r.csv").decode()
    document = json.loads(annual(db, "--year 2026 --format json", tmp_path, "r.json"))

    lines = csv_text.splitlines()
    assert lines[0].startswith("row,board,department,ref,title,status,budget_approved")
    assert lines[1].startswith("project,bun,buf,KAL-2026-0001,Elevutbyte med Pielavesi,executing,50000.00")
    assert lines[-1].startswith("portfolio,")
    totals = document["report"]["totals"]
    assert (totals["expenditure"], totals["external_share"]) == ("12000.50", "0.2548")
    assert document["standing"] == {"closed_on": None, "position": stored_events(db), "head": stored_events(db),
                                    "stale": False}


def test_json_output_without_a_file_prints_the_report_as_json(db):
    outcome = run("report annual --year 2026", db=db, actor=REPORTER, as_json=True, clock=AFTER)

    assert outcome.code == 0
    assert json.loads(outcome.out)["report"]["year"] == 2026


def test_a_board_narrows_the_report_to_its_projects(db, tmp_path):
    other = json.loads(annual(db, "--year 2026 --board ks --format json", tmp_path, "ks.json"))["report"]
    own = json.loads(annual(db, "--year 2026 --board bun --format json", tmp_path, "bun.json"))["report"]

    assert (other["boards"], other["totals"]["projects"]) == ([], 0)
    assert own["totals"]["projects"] == 1


def test_a_year_with_no_data_gives_an_empty_report_that_says_so(db, tmp_path):
    text = annual(db, "--year 2024 --lang en", tmp_path, "empty.md").decode()

    assert "No international projects in 2024." in text


@pytest.mark.parametrize(("args", "names"), [
    ("--year 2031", "year: 2031 has not begun"),
    ("--year 1066", "year: 1066 is not a reporting year"),
    ("--year 2026 --board nope", "board: no board 'nope'"),
    ("--year 2026 --format pdf", "format: 'pdf' is not one of md, csv, json, xlsx, html"),
    ("--year 2026 --lang fi", "lang: 'fi' is not one of da, sv, en"),
    ("--year twenty", "'twenty' is not a whole number"),
])
def test_unknown_year_board_format_or_language_is_invalid_input_naming_it(db, args, names):
    before = stored_events(db)
    outcome = run(f"report annual {args}", db=db, actor=REPORTER, clock=AFTER)

    assert outcome.code == 2 and names in outcome.err, outcome.err
    assert_one_error_line(outcome.err)
    assert stored_events(db) == before


def test_closing_by_the_cli_records_the_year_and_later_facts_in_it_are_refused_with_exit_1(db):
    closed = run("report close --year 2026", db=db, actor=REPORTER, as_json=True, clock=AFTER)
    assert closed.code == 0, closed.err
    assert json.loads(closed.out)["totals"]["expenditure"] == "12000.50"

    again = run("report close --year 2026", db=db, actor=ADMIN, clock=AFTER)
    late = run("project spend KAL-2026-0001 --amount 10 --category resor --date 2026-12-01", db=db, clock=AFTER)
    not_ended = run("report close --year 2027", db=db, actor=REPORTER, clock=AFTER)
    auditor = run("report close --year 2026", db=db, actor=AUDITOR, clock=AFTER)

    assert (again.code, again.err) == (1, "error: R7: 2026 is already closed\n")
    assert late.code == 1 and late.err.startswith("error: R7: 2026 is a closed reporting year")
    assert not_ended.code == 1 and "R7: 2027 has not ended yet" in not_ended.err
    assert auditor.code == 3


def test_a_correction_by_the_cli_is_shown_as_an_adjustment_in_the_next_year(db, tmp_path):
    run("report close --year 2026", db=db, actor=REPORTER, clock=AFTER)
    app = make_app(db)  # held, so it is not closed while it reads
    original = next(n.id for n in app.recorder.select_notifications(1, 1000) if n.topic.endswith("ExpenditureRecorded"))
    app.close()

    fixed = run(f"project spend KAL-2026-0001 --amount 250 --category resor --date 2026-12-01"
                f" --correction-of {original}", db=db, clock=AFTER)
    text = annual(db, "--year 2027 --lang en", tmp_path, "2027.md").decode()

    assert fixed.code == 0, fixed.err
    assert f"Adjustments to closed years: Expenditure SEK250.00 (corrects position {original}, 2026)" in text


def test_a_closed_year_renders_again_byte_for_byte_in_every_format_after_later_events(db, tmp_path):
    assert run("report close --year 2026", db=db, actor=REPORTER, clock=AFTER).code == 0
    at_close = {f: annual(db, f"--year 2026 --format {f} --lang da", tmp_path, f"close.{f}") for f in FORMATS}

    app = make_app(db)
    app.clock.set(date(2027, 3, 1))
    app.spend(ctx(on=date(2027, 3, 1)), "KAL-2026-0001", amount="99", category="resor")
    app.statement(ctx(on=date(2027, 3, 2)), "KAL-2026-0001", year=2026, text="Ett bra år")
    app.register_project(ctx(on=date(2027, 3, 3)), title="Nytt", department="buf", focus_area=["utbildning"])
    assert run("projections run", db=db, actor=REPORTER, clock="2027-03-05T08:00:00+00:00").code == 0
    later = {f: annual(db, f"--year 2026 --format {f} --lang da", tmp_path, f"later.{f}",
                       actor=AUDITOR, clock="2029-06-30T23:59:00+00:00") for f in FORMATS}

    assert later == at_close
    app.close()
    assert "Regnskabsåret er lukket 15. februar 2027" in at_close["md"].decode()
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(at_close["xlsx"])).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_an_auditor_reading_a_lagging_ledger_is_told_the_report_is_stale(db, tmp_path):
    assert run("projections run", db=db, actor=REPORTER, clock=AFTER).code == 0
    app = make_app(db)
    app.spend(ctx(on=date(2026, 7, 1)), "KAL-2026-0001", amount="5", category="resor")

    app.close()
    outcome = run(f"report annual --year 2026 -o {tmp_path / 'stale.md'}", db=db, actor=AUDITOR, clock=AFTER)

    assert outcome.code == 0 and outcome.err.startswith("warning: the ledger is at position")
    assert "Inaktuell: läsmodellerna är vid position" in (tmp_path / "stale.md").read_text()


def test_an_auditor_asking_before_the_ledger_was_ever_built_gets_a_report_that_says_it_is_stale(db, tmp_path):
    head = stored_events(db)
    outcome = run(f"report annual --year 2026 --lang en -o {tmp_path / 'r.md'}", db=db, actor=AUDITOR, clock=AFTER)

    assert outcome.code == 0 and outcome.err.startswith("warning: the ledger is at position 0")
    text = (tmp_path / "r.md").read_text()
    assert f"Stale: the read models are at position 0, the event log at {head}." in text
    assert stored_events(db) == head


def test_a_project_completed_in_the_year_reports_its_lessons_and_its_indicator_results(db, tmp_path):
    app = make_app(db)
    app.measure(ctx(on=date(2026, 10, 1)), "KAL-2026-0001", key="elever", value="27")
    app.measure(ctx(on=date(2027, 1, 10)), "KAL-2026-0001", key="elever", value="31")
    app.complete(ctx(on=date(2026, 11, 1)), "KAL-2026-0001", lessons="Börja partnerdialogen tidigare.")
    app.close()

    text = annual(db, "--year 2026", tmp_path, "r.md").decode()

    assert "- Status: avslutat" in text
    assert "- Lärdomar: Börja partnerdialogen tidigare." in text
    assert "Elever i utbyte: 30 / 27" in text  # the measurement of 2027 belongs to next year's report


def test_the_xlsx_report_keeps_bold_frozen_headings_and_percent_shares(db, tmp_path):
    book = load_workbook(io.BytesIO(annual(db, "--year 2026 --format xlsx", tmp_path, "r.xlsx")))

    projects, totals, statements = book.worksheets
    assert [s.title for s in book.worksheets] == ["Projekt", "Portföljen totalt", "Årsredogörelse"]
    assert all(c.font.b for c in projects[1]) and all(c.font.b for c in statements[1])
    assert (projects.freeze_panes, totals.freeze_panes) == ("A2", "A2")
    header = [c.value for c in projects[1]]
    share = projects.cell(row=2, column=header.index("Extern andel") + 1)
    assert (share.value, share.number_format) == (0.2548, "0.0%")
    assert [c.number_format for c in totals[2]][-2:] == ["0.0%", "0.0%"] and totals[2][-1].value == 0.5
