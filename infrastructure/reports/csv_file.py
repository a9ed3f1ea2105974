"""The annual report as CSV for tooling: one row per project, then a row per board and the
portfolio. Stable column keys, amounts with a dot and two decimals, ISO dates."""
from __future__ import annotations

import csv
import io
from typing import Any

from infrastructure.projections.ledger_names import KINDS

COLUMNS = ("row", "board", "department", "ref", "title", "status", *KINDS, "external_share", "target_share",
           "statement", "statement_due", "adjustments")


def render_csv(report: dict[str, Any], standing: Any, words: Any) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    target = report["target_share"] or ""
    for board in report["boards"]:
        for p in board["projects"]:
            adjustments = " ".join(f"{a['kind']}:{a['amount']}@{a['corrects']}" for a in p["adjustments"])
            writer.writerow(["project", board["key"], p["department"], p["ref"], p["title"], p["status"],
                             *(p["financials"][k] for k in KINDS), p["external_share"] or "", target,
                             p["statement"]["state"], p["statement"]["due"] or "", adjustments])
        t = board["totals"]
        writer.writerow(["board", board["key"], "", "", board["name"], "", *(t[k] for k in KINDS),
                         t["external_share"] or "", target, "", "", ""])
    t = report["totals"]
    writer.writerow(["portfolio", "", "", "", report["organisation"]["name"], "", *(t[k] for k in KINDS),
                     t["external_share"] or "", target, "", report["statement_due"] or "", ""])
    return out.getvalue().encode("utf-8")
