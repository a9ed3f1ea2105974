"""The annual report as one self-contained HTML file: inline CSS, an inline SVG bar chart of the
external-funding share per board against the strategy's target (R5), no external resources."""
from __future__ import annotations

from decimal import Decimal
from functools import cache
from html import escape
from typing import Any

from infrastructure.projections.ledger_names import KINDS
from infrastructure.reports.labels import Words
from infrastructure.reports.markdown import statement

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;color:#1d2733}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #1d5e8c}h3{margin-bottom:.3rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #c9d3dd;padding:.25rem .45rem}
th{background:#eef3f7;text-align:left}td.n{text-align:right;white-space:nowrap}tr.total td{font-weight:bold}
.standing{font-style:italic;color:#4a5a6a}.overdue{color:#a3261b;font-weight:bold}
svg text{font-size:12px;fill:#1d2733}ul{margin-top:.2rem}
""".strip()


def render_html(report: dict[str, Any], standing: Any, w: Words) -> bytes:
    e = escape
    title = w("title", year=report["year"])
    parts = [
        "<!DOCTYPE html>", f'<html lang="{w.lang}">', "<head>", '<meta charset="utf-8">',
        f"<title>{e(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
        f"<h1>{e(title)}</h1>", f"<p>{e(report['organisation']['name'])}</p>",
        f'<p class="standing">{e(standing.line(w))}</p>',
    ]
    if not report["boards"]:
        parts.append(f"<p>{e(w('empty', year=report['year']))}</p>")
    parts += [f"<h2>{e(w('portfolio'))}</h2>", _totals(report, w)]
    if report["boards"]:
        parts += [f"<h2>{e(w('share_chart'))}</h2>", chart(report, w)]
    html = _Html(report, w)
    for board in report["boards"]:
        parts += [f"<h2>{e(w('board'))}: {e(board['name'])}</h2>", html.board(board)]
        parts += [html.project(p) for p in board["projects"]]
    parts += [f"<h2>{e(w('statements'))} ({e(w('as_of'))} {e(w.date(report['as_of']))})</h2>", _missing(report, w)]
    parts += ["</body>", "</html>"]
    return ("\n".join(parts) + "\n").encode("utf-8")


def chart(report: dict[str, Any], w: Words) -> str:
    """Horizontal bars: each board's external share; a dashed line marks the target."""
    boards = report["boards"]
    left, width, bar, gap = 260, 400, 22, 10
    height = 30 + len(boards) * (bar + gap)
    rows = []
    for i, b in enumerate(boards):
        y = 20 + i * (bar + gap)
        share = Decimal(b["totals"]["external_share"] or 0)
        length = int(min(share, Decimal(1)) * width)
        rows.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(_clip(b["name"]))}</text>'
            f'<rect x="{left}" y="{y}" width="{length}" height="{bar}" fill="#1d5e8c"/>'
            f'<text x="{left + length + 6}" y="{y + 15}">{escape(w.share(b["totals"]["external_share"]))}</text>'
        )
    target = report["target_share"]
    if target is not None:
        x = left + int(min(Decimal(target), Decimal(1)) * width)
        rows.append(
            f'<line x1="{x}" y1="10" x2="{x}" y2="{height - 5}" stroke="#a3261b" stroke-width="2" stroke-dasharray="5,3"/>'
            f'<text x="{x + 4}" y="12">{escape(w("target"))} {escape(w.share(target))}</text>'
        )
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{left + width + 80}" height="{height}"'
            f' viewBox="0 0 {left + width + 80} {height}"><title>{escape(w("share_chart"))}</title>'
            + "".join(rows) + "</svg>")


def _clip(name: str, size: int = 38) -> str:
    return name if len(name) <= size else name[: size - 1] + "…"


def _totals(report: dict[str, Any], w: Words) -> str:
    t = report["totals"]
    rows = [f"<tr><th>{escape(w('projects'))}</th><td class=\"n\">{t['projects']}</td></tr>"]
    rows += [f"<tr><th>{escape(w(k))}</th><td class=\"n\">{escape(w.money(t[k]))}</td></tr>" for k in KINDS]
    rows.append(f"<tr><th>{escape(w('external_share'))} ({escape(w('target'))} {escape(w.share(report['target_share']))})"
                f"</th><td class=\"n\">{escape(w.share(t['external_share']))}</td></tr>")
    return "<table>" + "".join(rows) + "</table>"


class _Html:
    """Writes the boards' tables and the projects' sections. The labels, the same for every
    project, are escaped once per report, and each distinct amount or share once."""

    def __init__(self, report: dict[str, Any], w: Words) -> None:
        e, label = escape, w.plain
        self.w, self.label = w, {key: e(text) for key, text in label.items()}
        self.money, self.share = cache(lambda v: e(w.money(v))), cache(lambda v: e(w.share(v)))
        self.kinds = [(k, e(label[k])) for k in KINDS]
        self.target = f" ({e(label['target'])} {e(w.share(report['target_share']))})"

    def board(self, board: dict[str, Any]) -> str:
        e, w, label, money, share = escape, self.w, self.label, self.money, self.share
        head = [w("ref"), w("project"), w("status"), *(w(k) for k in KINDS), w("external_share")]
        rows = ["<tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr>"]
        for p in board["projects"]:
            f = p["financials"]
            cells = [f"<td>{e(p['ref'])}</td><td>{e(p['title'])}</td><td>{label[p['status']]}</td>"]
            cells += [f'<td class="n">{money(f[k])}</td>' for k in KINDS]
            cells.append(f'<td class="n">{share(p["external_share"])}</td>')
            rows.append("<tr>" + "".join(cells) + "</tr>")
        t = board["totals"]
        cells = [f"<td>{e(w('total'))}</td><td></td><td></td>"]
        cells += [f'<td class="n">{e(w.money(t[k]))}</td>' for k in KINDS]
        cells.append(f'<td class="n">{e(w.share(t["external_share"]))}</td>')
        rows.append('<tr class="total">' + "".join(cells) + "</tr>")
        return "<table>" + "".join(rows) + "</table>"

    def project(self, p: dict[str, Any]) -> str:
        e, w, label, money = escape, self.w, self.label, self.money
        items = [
            f"{label['status']}: {label[p['status']]}", f"{label['department']}: {e(p['department_name'])}",
            f"{label['focus_areas']}: {e(', '.join(p['focus_areas']) or '–')}",
            f"{label['goals']}: {e(', '.join(p['goals']) or '–')}",
        ]
        if p["indicators"]:
            inner = []
            for i in p["indicators"]:
                unit = f" {i['unit']}" if i["unit"] else ""
                actual = w.number(i["actual"]) + unit if i["actual"] is not None else w.plain["not_measured"]
                inner.append(f"<li>{e(i['name'])}: {e(w.number(i['target']) + unit)} / {e(actual)}</li>")
            items.append(f"{label['indicators']}:<ul>{''.join(inner)}</ul>")
        f = p["financials"]
        items.append(f"{label['financials']}: " + "; ".join([f"{name} {money(f[k])}" for k, name in self.kinds]))
        items.append(f"{label['external_share']}: {self.share(p['external_share'])}{self.target}")
        if p["adjustments"]:
            items.append(f"{label['adjustments']}: " + "; ".join(
                e(w("adjustment", kind=w(a["kind"]), amount=w.money(a["amount"]), corrects=a["corrects"],
                    year=a["original_year"])) for a in p["adjustments"]))
        if p["lessons"]:
            items.append(f"{label['lessons']}: {e(p['lessons'])}")
        items.append(f"{label['statement']}: {e(statement(p['statement'], w))}")
        summary = f"<p>{e(p['summary'])}</p>" if p["summary"] else ""
        return (f"<h3>{e(p['ref'])} {e(p['title'])}</h3>{summary}<ul><li>" + "</li><li>".join(items) + "</li></ul>")


def _missing(report: dict[str, Any], w: Words) -> str:
    if not report["missing_statements"]:
        return f"<p>{escape(w('none_missing'))}</p>"
    items = []
    for m in report["missing_statements"]:
        state = w("overdue") if m["overdue"] else w("missing")
        css = ' class="overdue"' if m["overdue"] else ""
        items.append(f"<li{css}>{escape(m['ref'])} {escape(m['title'])} – {escape(state)},"
                     f" {escape(w('due'))} {escape(w.date(m['due']))}</li>")
    return "<ul>" + "".join(items) + "</ul>"
