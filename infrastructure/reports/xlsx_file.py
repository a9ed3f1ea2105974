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
from openpyxl.styles import Font

from infrastructure.projections.ledger import KINDS
from infrastructure.reports.labels import Words

MONEY, SHARE, DAY = "#,##0.00", "0.0%", "yyyy-mm-dd"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def render_xlsx(report: dict[str, Any], standing: Any, w: Words) -> bytes:
    book = Workbook()
    _projects(book.active, report, w)
    _totals(book.create_sheet(w("portfolio")[:31]), report, w)
    _statements(book.create_sheet(w("statement")[:31]), report, w, standing)
    moment = datetime.combine(date.fromisoformat(standing.closed_on or report["as_of"]), datetime.min.time())
    book.properties.creator = report["organisation"]["name"]
    book.properties.title = w("title", year=report["year"])
    book.properties.created = moment
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed(buffer.getvalue(), moment)


def _projects(sheet: Any, report: dict[str, Any], w: Words) -> None:
    sheet.title = w("projects")[:31]
    head = [w("board"), w("department"), w("ref"), w("project"), w("status"), *(w(k) for k in KINDS),
            w("external_share"), w("statement")]
    sheet.append(head)
    for board in report["boards"]:
        for p in board["projects"]:
            sheet.append([board["name"], p["department_name"], p["ref"], p["title"], w(p["status"]),
                          *(Decimal(p["financials"][k]) for k in KINDS), _share(p["external_share"]),
                          w(p["statement"]["state"]) if p["statement"]["state"] != "submitted"
                          else date.fromisoformat(p["statement"]["submitted_on"])])
    _style(sheet, money_columns=range(6, 6 + len(KINDS)), share_column=6 + len(KINDS))
    for row in sheet.iter_rows(min_row=2, min_col=7 + len(KINDS), max_col=7 + len(KINDS)):
        for cell in row:
            if isinstance(cell.value, (date, datetime)):
                cell.number_format = DAY


def _totals(sheet: Any, report: dict[str, Any], w: Words) -> None:
    sheet.append([w("board"), w("projects"), *(w(k) for k in KINDS), w("external_share"), w("target")])
    target = _share(report["target_share"])
    for board in report["boards"]:
        t = board["totals"]
        sheet.append([board["name"], t["projects"], *(Decimal(t[k]) for k in KINDS), _share(t["external_share"]), target])
    t = report["totals"]
    sheet.append([w("total"), t["projects"], *(Decimal(t[k]) for k in KINDS), _share(t["external_share"]), target])
    _style(sheet, money_columns=range(3, 3 + len(KINDS)), share_column=3 + len(KINDS))
    for row in sheet.iter_rows(min_row=2, min_col=4 + len(KINDS), max_col=4 + len(KINDS)):
        for cell in row:
            cell.number_format = SHARE


def _statements(sheet: Any, report: dict[str, Any], w: Words, standing: Any) -> None:
    sheet.append([w("ref"), w("project"), w("board"), w("status"), w("due")])
    for m in report["missing_statements"]:
        sheet.append([m["ref"], m["title"], m["board"], w("overdue") if m["overdue"] else w("missing"),
                      date.fromisoformat(m["due"])])
    for row in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
        for cell in row:
            cell.number_format = DAY
    sheet.append([])
    sheet.append([standing.line(w)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def _style(sheet: Any, money_columns: range, share_column: int) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.column in money_columns:
                cell.number_format = MONEY
            elif cell.column == share_column:
                cell.number_format = SHARE
    sheet.freeze_panes = "A2"


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
