"""What the annual report reads from the ledger projection, in three queries: the money per
project summed in the database, the facts of the projects the year reports on, and the year's
adjustments. Every row is fetched at once (`.all()`); SQLAlchemy's per-row iteration cost more
than the rows themselves for 10,000 projects."""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Text, and_, cast, func, select

from infrastructure.projections.ledger import BUDGET, GRANTED, KINDS, OWN, entries, projects

# Per project, in cents: each ledger measure in the year (KINDS, in order), then the ceiling, own
# contribution and grants up to the year's end (the external share, R5), then the year's entry count.
CEILING, OWN_TO_DATE, GRANTED_TO_DATE, POSTED = range(len(KINDS), len(KINDS) + 4)
NO_MONEY = (0,) * (len(KINDS) + 4)


def money(conn: Connection, year: int) -> dict[str, tuple[int, ...]]:
    """One grouped pass over the ledger up to the year's end; the database does the sums."""
    c = entries.c
    in_year = c.year == year
    sums = [func.sum(c.amount_cents).filter(and_(in_year, c.kind == k)) for k in KINDS]
    sums += [func.sum(c.amount_cents).filter(c.kind == k) for k in (BUDGET, OWN, GRANTED)]
    query = select(c.project_id, *sums, func.count().filter(in_year)).where(c.year <= year).group_by(c.project_id)
    return {row[0]: tuple(int(v or 0) for v in row[1:]) for row in conn.execute(query).all()}


def facts(conn: Connection, year: int, money: dict[str, tuple[int, ...]]) -> list[tuple[str, dict[str, Any]]]:
    """(case id, facts) of the cases the year reports on: alive in it, or with a ledger entry in it
    (an adjustment to a case that ended earlier). Decoded here, as one JSON array in one call,
    rather than by the JSON column type row by row, which costs three times as much."""
    p = projects.c
    query = select(p.project_id, p.last_year, cast(p.facts, Text)).where(p.first_year <= year)
    rows = [(pid, text) for pid, last, text in conn.execute(query).all()
            if last is None or last >= year or money.get(pid, NO_MONEY)[POSTED]]
    decoded = json.loads("[" + ",".join([text for _, text in rows]) + "]")
    return [(pid, f) for (pid, _), f in zip(rows, decoded, strict=True)]


def adjustments(conn: Connection, year: int, text: Any) -> dict[str, list[dict[str, Any]]]:
    """The year's adjustments to closed years per project, in posting order."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    e = entries.c
    query = select(e.project_id, e.position, e.kind, e.amount_cents, e.corrects, e.original_year,
                   e.effective_date).where(e.year == year, e.corrects.is_not(None)).order_by(e.position, e.kind)
    for pid, position, kind, amount, corrects, original_year, effective in conn.execute(query).all():
        found[pid].append({
            "position": position, "kind": kind, "amount": text(amount),
            "corrects": corrects, "original_year": original_year, "effective_date": effective.isoformat(),
        })
    return found
