"""The xlsx writer of the annual report: well-formed parts, text that stays text, numbers written
exactly, and the same cells as the workbook openpyxl used to write (read back with openpyxl)."""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from xml.dom.minidom import parseString

import pytest
from openpyxl import load_workbook

from infrastructure.reports.spreadsheet import (
    BOLD, MONEY, SHARE, Sheet, blank, column, day, number, text, workbook,
)
from tests.cli.helpers import run
from tests.reporting.closing import year_2026
from tests.support import REPORTER, make_app, register, set_up_kalix

AFTER = "2027-02-15T10:00:00+00:00"
TRICKY = '=SUM(A1:A9) & <b>"Kalix"</b> '


def a_workbook(*rows: list[str], frozen: bool = True) -> bytes:
    sheet = Sheet("Blad & <1>", frozen_heading=frozen)
    for cells in rows:
        sheet.append(cells)
    return workbook([sheet, Sheet("Tomt")], title="Årsredovisning <2026>", creator="Kalix & Co",
                    created=datetime(2027, 2, 15))


def test_columns_are_lettered_as_a_spreadsheet_letters_them():
    assert [column(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


def test_every_part_of_the_package_is_well_formed_xml_with_fixed_timestamps():
    data = a_workbook([text("A1", TRICKY, BOLD), text("B1", "tab\there\x01\x1f"), number("C1", "-12.50", MONEY)])

    package = zipfile.ZipFile(io.BytesIO(data))
    for info in package.infolist():
        parseString(package.read(info.filename))  # raises on anything malformed
    assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert package.namelist()[0] == "[Content_Types].xml"
    assert data == a_workbook([text("A1", TRICKY, BOLD), text("B1", "tab\there\x01\x1f"),
                               number("C1", "-12.50", MONEY)])


def test_text_that_looks_like_a_formula_or_markup_stays_the_same_text():
    book = load_workbook(io.BytesIO(a_workbook([text("A1", TRICKY), text("B1", "  spaced  ")])))

    sheet = book.worksheets[0]
    assert sheet["A1"].value == TRICKY and sheet["A1"].data_type == "s"
    assert sheet["B1"].value == "  spaced  "
    assert book.worksheets[0].title == "Blad & <1>" and book.properties.title == "Årsredovisning <2026>"
    assert book.properties.creator == "Kalix & Co" and book.properties.created == datetime(2027, 2, 15)


def test_text_that_excel_would_read_as_an_escape_is_written_so_that_it_reads_literally():
    package = zipfile.ZipFile(io.BytesIO(a_workbook([text("A1", "code _x0041_ and _xZZZZ_"), text("B1", "bell\x07")])))

    sheet = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<t>code _x005F_x0041_ and _xZZZZ_</t>" in sheet  # Excel shows "code _x0041_ and _xZZZZ_"
    assert "<t>bell_x0007_</t>" in sheet  # a control character, which XML cannot hold, as Excel's escape


def test_numbers_dates_and_blanks_are_typed_cells_with_their_formats():
    book = load_workbook(io.BytesIO(a_workbook(
        [text("A1", "x", BOLD)],
        [number("A2", "1234567.89", MONEY), number("B2", "0.2548", SHARE), day("C2", date(2027, 1, 31)),
         blank("D2", SHARE), number("E2", 7)],
    )))

    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert (sheet["A2"].value, sheet["A2"].number_format, sheet["A2"].data_type) == (1234567.89, "#,##0.00", "n")
    assert (sheet["B2"].value, sheet["B2"].number_format) == (0.2548, "0.0%")
    assert sheet["C2"].is_date and sheet["C2"].value == datetime(2027, 1, 31)
    assert sheet["C2"].number_format == "yyyy-mm-dd"
    assert (sheet["D2"].value, sheet["D2"].number_format) == (None, "0.0%")
    assert sheet["E2"].value == 7
    assert book.worksheets[1].freeze_panes is None


@pytest.mark.parametrize("value", ["1e5", "NaN", "12,50", "", "1.", " 3"])
def test_a_number_cell_takes_only_a_plain_decimal(value):
    with pytest.raises(ValueError):
        number("A1", value)


def report_workbook(url: str, path) -> None:
    """The 2026 report of a Kalix-like store with one tricky title, as xlsx at `path`."""
    app = make_app(url)
    set_up_kalix(app)
    year_2026(app)
    register(app, title=TRICKY.strip())
    app.close()
    outcome = run(f"report annual --year 2026 --format xlsx -o {path}", db=url, actor=REPORTER, clock=AFTER)
    assert outcome.code == 0, outcome.err


def test_the_report_workbook_has_one_row_per_project_and_keeps_tricky_titles_as_text(sqlite_url, tmp_path):
    report_workbook(sqlite_url, path := tmp_path / "r.xlsx")

    projects, totals, statements = load_workbook(path).worksheets
    titles = [row[3] for row in projects.iter_rows(min_row=2, values_only=True)]
    assert sorted(titles) == sorted(["Elevutbyte med Pielavesi", TRICKY.strip()])
    assert [row[1] for row in totals.iter_rows(min_row=2, values_only=True)] == [2, 2]
    assert statements.cell(row=statements.max_row, column=1).value.startswith("Preliminär")


def test_a_second_independent_reader_sees_the_same_cells_as_openpyxl(sqlite_url, tmp_path):
    """calamine (Rust; what pandas and polars read xlsx with) parses the package on its own."""
    from python_calamine import CalamineWorkbook

    report_workbook(sqlite_url, path := tmp_path / "r.xlsx")

    theirs = CalamineWorkbook.from_path(str(path))
    ours = load_workbook(path)

    assert theirs.sheet_names == ours.sheetnames
    for name in ours.sheetnames:
        expected = [["" if v is None else v for v in row] for row in ours[name].iter_rows(values_only=True)]
        read = theirs.get_sheet_by_name(name).to_python()
        assert [[_plain(v) for v in row] for row in read] == [[_plain(v) for v in row] for row in expected]


def _plain(value):
    """Dates as dates and whole floats as ints, as either reader may give them."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
