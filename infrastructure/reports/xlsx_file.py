"""The annual report as an xlsx workbook: three sheets (projects with any adjustments to closed
years, portfolio totals, annual statements) with bold frozen headings and typed cells — money and
shares as numbers with their formats, dates as dates. Its zip entries and document properties
carry fixed timestamps, so the same report gives the same bytes."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from infrastructure.projections.ledger_names import KINDS
from infrastructure.reports.labels import Words
from infrastructure.reports.spreadsheet import BOLD, MONEY, SHARE, Sheet, blank, column, day, number, text, workbook

COLUMNS = [column(i) for i in range(len(KINDS) + 8)]


def render_xlsx(report: dict[str, Any], standing: Any, w: Words) -> bytes:
    moment = datetime.combine(date.fromisoformat(standing.closed_on or report["as_of"]), datetime.min.time())
    sheets = [_projects(report, w), _totals(report, w), _statements(report, w, standing)]
    return workbook(sheets, title=w("title", year=report["year"]), creator=report["organisation"]["name"],
                    created=moment)


def _heading(sheet: Sheet, labels: list[str]) -> None:
    sheet.append([text(f"{c}1", label, BOLD) for c, label in zip(COLUMNS, labels)])


def _share(ref: str, value: str | None) -> str:
    return blank(ref, SHARE) if value is None else number(ref, value, SHARE)


def _projects(report: dict[str, Any], w: Words) -> Sheet:
    sheet = Sheet(w("projects"), frozen_heading=True)
    _heading(sheet, [w("board"), w("department"), w("ref"), w("project"), w("status"),
                     *(w(k) for k in KINDS), w("external_share"), w("statement"), w("adjustments")])
    label = w.plain
    a, b, c, d, e, *money, share, state, adjusted = COLUMNS[:len(KINDS) + 8]
    for board in report["boards"]:
        name = board["name"]
        for p in board["projects"]:
            n, f, s = sheet.next_row, p["financials"], p["statement"]
            submitted = s["state"] == "submitted"
            sheet.append([
                text(f"{a}{n}", name), text(f"{b}{n}", p["department_name"]), text(f"{c}{n}", p["ref"]),
                text(f"{d}{n}", p["title"]), text(f"{e}{n}", label[p["status"]]),
                *[number(f"{m}{n}", f[k], MONEY) for m, k in zip(money, KINDS)],
                _share(f"{share}{n}", p["external_share"]),
                day(f"{state}{n}", date.fromisoformat(s["submitted_on"])) if submitted
                else text(f"{state}{n}", label[s["state"]]),
                *([text(f"{adjusted}{n}", _adjustments(p["adjustments"], w))] if p["adjustments"] else []),
            ])
    return sheet


def _adjustments(adjustments: list[dict[str, Any]], w: Words) -> str:
    """The year's adjustments to closed years (R7), worded as the other formats word them."""
    return "; ".join(w("adjustment", kind=w(a["kind"]), amount=w.money(a["amount"]), corrects=a["corrects"],
                       year=a["original_year"]) for a in adjustments)


def _totals(report: dict[str, Any], w: Words) -> Sheet:
    sheet = Sheet(w("portfolio"), frozen_heading=True)
    _heading(sheet, [w("board"), w("projects"), *(w(k) for k in KINDS), w("external_share"), w("target")])
    a, b, *money, share, target = COLUMNS[:len(KINDS) + 4]
    rows = [(board["name"], board["totals"]) for board in report["boards"]] + [(w("total"), report["totals"])]
    for name, t in rows:
        n = sheet.next_row
        sheet.append([text(f"{a}{n}", name), number(f"{b}{n}", t["projects"]),
                      *[number(f"{m}{n}", t[k], MONEY) for m, k in zip(money, KINDS)],
                      _share(f"{share}{n}", t["external_share"]), _share(f"{target}{n}", report["target_share"])])
    return sheet


def _statements(report: dict[str, Any], w: Words, standing: Any) -> Sheet:
    sheet = Sheet(w("statement"))
    _heading(sheet, [w("ref"), w("project"), w("board"), w("status"), w("due")])
    for m in report["missing_statements"]:
        n = sheet.next_row
        sheet.append([text(f"A{n}", m["ref"]), text(f"B{n}", m["title"]), text(f"C{n}", m["board"]),
                      text(f"D{n}", w("overdue") if m["overdue"] else w("missing")),
                      day(f"E{n}", date.fromisoformat(m["due"]))])
    sheet.append([])
    sheet.append([text(f"A{sheet.next_row}", standing.line(w))])
    return sheet
