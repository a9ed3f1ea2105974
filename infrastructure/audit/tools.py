"""The audit operations a chain-writing recorder offers the application (its `ChainStore` port)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the audit's values load with verify and transfer
    from domain.audit import Seal, Summary, Verification


class ChainTools:
    """Mixed into our SQLite and PostgreSQL recorders, so the application reaches verify, export
    and import through the recorder it was given, without importing infrastructure."""

    # verify and transfer load when used: every command opens a recorder, few verify or transfer
    def verify_chain(self, seals: Iterable[Seal] = ()) -> Verification:
        from infrastructure.audit.verify import verify

        return verify(self, seals)  # type: ignore[arg-type]

    def export_to(self, out: IO[str]) -> Summary:
        from infrastructure.audit.transfer import export_stream

        return export_stream(self, out)  # type: ignore[arg-type]

    def import_from(self, lines: IO[str]) -> Summary:
        from infrastructure.audit.transfer import import_stream

        return import_stream(self, lines)  # type: ignore[arg-type]
