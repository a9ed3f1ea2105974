"""The annual-report ledger (SPEC §4): money entries per year, board, department and project,
each naming the event position that caused it, and the per-project facts the annual report
shows (status over time, focus areas, goals, indicators, statements, lessons).

Amounts are in the reporting currency at the rate recorded with the fact (`Amount.reporting`),
stored as integer cents so SQLite and PostgreSQL sum them exactly. A fact recorded as a
correction of a closed year (R7) is posted in the year its `Correction` names, as an adjustment
referring to the original event."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Connection,
    Date,
    Index,
    Integer,
    String,
    Table,
    bindparam,
    select,
)

from infrastructure.projections.base import METADATA, Envelope
from infrastructure.projections.columns import bind_processors, insert_rows, unchanged
from infrastructure.projections.ledger_names import (  # noqa: F401 - the ledger's constants, here too
    APPLIED, APPROVING, BUDGET, DEPARTMENTS, ENTRIES, GRANTED, KINDS, NAME, OWN, PROJECTS, RECEIVED, SPENT,
)

entries = Table(
    ENTRIES, METADATA,
    Column("position", BigInteger, primary_key=True),
    Column("kind", String(20), primary_key=True),
    Column("year", Integer, nullable=False),
    Column("board", String(40), nullable=False),
    Column("department", String(40), nullable=False),
    Column("project_id", String(36), nullable=False),
    Column("ref", String(40), nullable=False),
    Column("amount_cents", BigInteger, nullable=False),
    Column("effective_date", Date, nullable=False),
    Column("corrects", BigInteger, nullable=True),
    Column("original_year", Integer, nullable=True),
    Index("ledger_entries_year", "year", "board"),
)

projects = Table(
    PROJECTS, METADATA,
    Column("project_id", String(36), primary_key=True),
    Column("ref", String(40), nullable=False),
    Column("department", String(40), nullable=False),
    Column("board", String(40), nullable=False),
    Column("first_year", Integer, nullable=False),
    Column("last_year", Integer, nullable=True),  # the year it ended (completed, rejected, withdrawn)
    Column("position", BigInteger, nullable=False),  # the last event applied
    Column("facts", JSON, nullable=False),
)

departments = Table(
    DEPARTMENTS, METADATA,
    Column("key", String(40), primary_key=True),
    Column("board", String(40), nullable=False),
)

ENDED = ("completed", "rejected", "withdrawn")
EFFECTIVE_DATE = list(entries.columns).index(entries.c.effective_date)


def cents(amount: Decimal) -> int:
    return int((amount * 100).quantize(_ONE, rounding=ROUND_HALF_EVEN))


_ONE = Decimal(1)


def from_cents(value: int) -> Decimal:
    return (Decimal(value) / 100).quantize(Decimal("0.01"))


class Ledger:
    """The annual-report ledger; see the module docstring."""

    name: ClassVar[str] = NAME
    tables: ClassVar[tuple[Table, ...]] = (entries, projects, departments)

    def apply(self, conn: Connection, batch: list[Envelope]) -> None:
        """Post the batch's entries and update the facts of the projects it touches."""
        boards = dict(conn.execute(select(departments.c.key, departments.c.board)).all())
        touched = {e.aggregate_id for e in batch if e.event_type.startswith("Project.")}
        facts = self._load(conn, touched)
        new_departments, rows = [], []
        day = bind_processors(entries, conn.dialect)[EFFECTIVE_DATE]
        entry = self._entry
        for envelope in batch:
            kind = envelope.event_type
            if kind == "Project.ExpenditureRecorded":  # most events of a case: _project_event's first case, inline
                f = facts[envelope.aggregate_id]
                f["_position"] = envelope.position
                amount = envelope.event.amount.reporting
                if amount:
                    rows.append(entry(envelope, f, SPENT, amount, day))
            elif kind == "Organisation.DepartmentAdded":
                d = envelope.event.department
                boards[d.key] = d.board
                new_departments.append({"key": d.key, "board": d.board})
            elif kind.startswith("Project."):
                rows += self._project_event(envelope, kind[8:], facts, boards, day)
        if new_departments:
            conn.execute(departments.insert(), new_departments)
        insert_rows(conn, entries, rows)
        self._save(conn, facts)

    # --- project events -------------------------------------------------------------------

    def _project_event(
        self, envelope: Envelope, kind: str, facts: dict[str, dict[str, Any]], boards: dict[str, str],
        day_column: Callable[[Any], Any] = unchanged,
    ) -> list[tuple[Any, ...]]:
        e, pid = envelope.event, envelope.aggregate_id
        if kind == "Registered":
            facts[pid] = self._registered(e, boards)
            facts[pid]["_new"] = True
        f = facts[pid]
        f["_position"] = envelope.position
        day = e.effective_date
        if kind == "ExpenditureRecorded":  # most events of a case: tested first
            amount = e.amount.reporting
            return [self._entry(envelope, f, SPENT, amount, day_column)] if amount else []
        posted: list[tuple[str, Decimal]] = []
        if kind == "ExplorationStarted":
            self._status(f, day, "exploration")
        elif kind == "SubmittedForDecision":
            self._status(f, day, "awaiting_decision")
        elif kind == "DecisionRecorded":
            posted += self._decision(f, e.decision, day)
        elif kind == "Withdrawn":
            self._status(f, day, "withdrawn")
        elif kind == "ExecutionStarted":
            self._status(f, day, "executing")
        elif kind == "Completed":
            self._status(f, day, "completed")
            f["lessons"] = e.lessons
        elif kind == "OwnContributionCommitted":
            previous = Decimal(f["own"])
            f["own"] = str(e.amount.reporting)
            posted.append((OWN, e.amount.reporting - previous))
        elif kind == "FundingApplied":
            posted.append((APPLIED, e.application.applied.reporting))
        elif kind == "FundingGranted":
            posted.append((GRANTED, e.amount.reporting))
        elif kind == "FundingReceived":
            posted.append((RECEIVED, e.amount.reporting))
        elif kind == "IndicatorDefined":
            i = e.indicator
            f["indicators"][i.key] = {"name": i.name, "target": str(i.target), "unit": i.unit, "measurements": []}
        elif kind == "MeasurementRecorded":
            f["indicators"][e.key]["measurements"].append([day.isoformat(), str(e.value)])
        elif kind == "StatementSubmitted":
            f["statements"][str(e.statement.year)] = e.statement.submitted_on.isoformat()
        return [self._entry(envelope, f, k, amount, day_column) for k, amount in posted if amount]

    @staticmethod
    def _registered(e: Any, boards: dict[str, str]) -> dict[str, Any]:
        return {
            "ref": e.ref, "title": e.title, "summary": e.summary, "department": e.department,
            "board": boards.get(e.department, ""), "focus_areas": list(e.focus_areas),
            "target_groups": list(e.target_groups), "goals": list(e.goals),
            "registered_on": e.effective_date.isoformat(),
            "statuses": [[e.effective_date.isoformat(), "idea"]], "ceiling": "0", "own": "0",
            "indicators": {}, "statements": {}, "lessons": None,
        }

    def _decision(self, f: dict[str, Any], d: Any, day: Any) -> list[tuple[str, Decimal]]:
        current = f["statuses"][-1][1]
        if d.purpose == "mandate":
            if d.outcome == "rejected":
                self._status(f, day, "rejected")
            return []
        posted = []
        if d.outcome in APPROVING:
            if d.ceiling is not None:
                posted.append((BUDGET, d.ceiling - Decimal(f["ceiling"])))
                f["ceiling"] = str(d.ceiling)
            if current == "awaiting_decision":
                self._status(f, day, "approved")
        elif current == "awaiting_decision":
            self._status(f, day, {"rejected": "rejected", "returned": "exploration"}.get(d.outcome, current))
        return posted

    @staticmethod
    def _status(f: dict[str, Any], day: Any, status: str) -> None:
        if f["statuses"][-1][1] != status:
            f["statuses"].append([day.isoformat(), status])

    @staticmethod
    def _entry(envelope: Envelope, f: dict[str, Any], kind: str, amount: Decimal,
               day_column: Callable[[Any], Any] = unchanged) -> tuple[Any, ...]:
        """The entry's row in the order of `entries`' columns, its date converted by `day_column`."""
        e = envelope.event
        correction = getattr(e, "correction", None)
        return (
            envelope.position, kind, correction.posted_in if correction else e.effective_date.year,
            f["board"], f["department"], envelope.aggregate_id, f["ref"], cents(amount),
            day_column(e.effective_date),
            correction.of_position if correction else None,
            correction.original_year if correction else None,
        )

    # --- project facts, loaded and saved once per batch -------------------------------------

    @staticmethod
    def _load(conn: Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        ids = list(ids)
        loaded: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for pid, facts in conn.execute(
                select(projects.c.project_id, projects.c.facts).where(projects.c.project_id.in_(chunk))
            ):
                loaded[pid] = dict(facts)
        return loaded

    @staticmethod
    def _save(conn: Connection, facts: dict[str, dict[str, Any]]) -> None:
        inserts, updates = [], []
        for pid, f in facts.items():
            if "_position" not in f:
                continue  # loaded but untouched
            new = f.pop("_new", False)
            position = f.pop("_position")
            ended = [s for s in f["statuses"] if s[1] in ENDED]
            row = {
                "ref": f["ref"], "department": f["department"], "board": f["board"],
                "first_year": int(f["registered_on"][:4]),
                "last_year": int(ended[-1][0][:4]) if ended and f["statuses"][-1][1] in ENDED else None,
                "position": position, "facts": f,
            }
            if new:
                inserts.append({"project_id": pid, **row})
            else:
                updates.append({"pid": pid, **row})
        if inserts:
            conn.execute(projects.insert(), inserts)
        if updates:
            conn.execute(
                projects.update().where(projects.c.project_id == bindparam("pid")),
                updates,
            )
