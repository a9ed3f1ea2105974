"""The ledger projection's tables as the annual report reads them: plain SQL through the database
driver (`projections/driver_reads.py`), so a report on a caught-up ledger never imports SQLAlchemy."""
from __future__ import annotations

from infrastructure.projections.driver_reads import Read, ViewTables
from infrastructure.projections.ledger_names import ENTRIES, NAME, PROJECTS

__all__ = ["LedgerTables", "Read"]


class LedgerTables(ViewTables):
    """Read access to the ledger's tables."""

    def position(self) -> int | None:
        """How far the ledger has got in the event stream; None while its tables do not exist."""
        with self.reading() as read:
            return self.position_in(read)

    def position_in(self, read: Read, name: str = NAME, tables: tuple[str, ...] = (ENTRIES, PROJECTS)) -> int | None:
        return super().position_in(read, name, tables)
