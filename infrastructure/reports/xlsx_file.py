"""The annual report as an xlsx workbook with typed numeric and date cells; its zip entries and
document properties carry fixed timestamps, so the same report gives the same bytes."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from infrastructure.projections.ledger_names import KINDS
from infrastructure.reports.labels import Words

MONEY, SHARE, DAY = "#,##0.00", "0.0%", "yyyy-mm-dd"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def render_xlsx(report: dict[str, Any], standing: Any, w: Words) -> bytes:
    book = Workbook(write_only=True)
    cells = _Cells(book)
    _projects(book.create_sheet(w("projects")[:31]), report, w, cells)
    _totals(book.create_sheet(w("portfolio")[:31]), report, w, cells)
    _statements(book.create_sheet(w("statement")[:31]), report, w, standing, cells)
    moment = datetime.combine(date.fromisoformat(standing.closed_on or report["as_of"]), datetime.min.time())
    book.properties.creator = report["organisation"]["name"]
    book.properties.title = w("title", year=report["year"])
    book.properties.created = moment
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed(buffer.getvalue(), moment)


class _Cells:
    """Typed cells for a write-only sheet: bold headings, and numbers and dates with their format."""

    def __init__(self, book: Workbook) -> None:
        self.book, self.bold = book, Font(bold=True)

    def heading(self, sheet: Any, texts: list[str]) -> list[Any]:
        return [self._cell(sheet, text, font=self.bold) for text in texts]

    def formatted(self, sheet: Any, value: Any, number_format: str) -> Any:
        return self._cell(sheet, value, number_format=number_format)

    @staticmethod
    def _cell(sheet: Any, value: Any, font: Font | None = None, number_format: str | None = None) -> Any:
        cell = WriteOnlyCell(sheet, value=value)
        if font is not None:
            cell.font = font
        if number_format is not None:
            cell.number_format = number_format
        return cell


def _projects(sheet: Any, report: dict[str, Any], w: Words, cells: _Cells) -> None:
    sheet.freeze_panes = "A2"
    sheet.append(cells.heading(sheet, [w("board"), w("department"), w("ref"), w("project"), w("status"),
                                       *(w(k) for k in KINDS), w("external_share"), w("statement")]))
    money, label = cells.formatted, w.plain
    for board in report["boards"]:
        for p in board["projects"]:
            f, s = p["financials"], p["statement"]
            state = (label[s["state"]] if s["state"] != "submitted"
                     else money(sheet, date.fromisoformat(s["submitted_on"]), DAY))
            sheet.append([board["name"], p["department_name"], p["ref"], p["title"], label[p["status"]],
                          *[money(sheet, Decimal(f[k]), MONEY) for k in KINDS],
                          money(sheet, _share(p["external_share"]), SHARE), state])


def _totals(sheet: Any, report: dict[str, Any], w: Words, cells: _Cells) -> None:
    sheet.freeze_panes = "A2"
    sheet.append(cells.heading(sheet, [w("board"), w("projects"), *(w(k) for k in KINDS), w("external_share"),
                                       w("target")]))
    target = _share(report["target_share"])
    rows = [(board["name"], board["totals"]) for board in report["boards"]] + [(w("total"), report["totals"])]
    for name, t in rows:
        sheet.append([name, t["projects"], *[cells.formatted(sheet, Decimal(t[k]), MONEY) for k in KINDS],
                      cells.formatted(sheet, _share(t["external_share"]), SHARE),
                      cells.formatted(sheet, target, SHARE)])


def _statements(sheet: Any, report: dict[str, Any], w: Words, standing: Any, cells: _Cells) -> None:
    sheet.append(cells.heading(sheet, [w("ref"), w("project"), w("board"), w("status"), w("due")]))
    for m in report["missing_statements"]:
        sheet.append([m["ref"], m["title"], m["board"], w("overdue") if m["overdue"] else w("missing"),
                      cells.formatted(sheet, date.fromisoformat(m["due"]), DAY)])
    sheet.append([])
    sheet.append([standing.line(w)])


def _share(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _fixed(data: bytes, moment: datetime) -> bytes:
    """The same workbook with fixed zip timestamps and the document's dates set to `moment`."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16
            target.writestr(fixed, content)
    return out.getvalue()
