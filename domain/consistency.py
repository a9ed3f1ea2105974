"""What a command read, checked when it writes: the optimistic half of the command path.

A long-running process (batch, a service) keeps aggregates cached and decides a command on the
cached copies without asking the store first. The versions it read go along with its events, and
the event store checks them under its write lock: an aggregate that moved on meanwhile, or a
reporting year closed meanwhile (R7), fails the write, nothing is stored, and the command is
decided again on fresh state. Aggregates the command writes need no check: their next version
is unique in the store, so a concurrent writer makes the insert itself fail."""
from __future__ import annotations

from uuid import UUID

READ_VERSIONS = "udsyn_read_versions"  # the save option: {aggregate id: version the command read}
OPEN_YEARS = "udsyn_open_years"  # the save option: reporting-year streams that must not exist yet (R7)
SNAPSHOTS = "udsyn_snapshots"  # the save option: stored snapshots to write in the events' transaction


class ClosedWhileWriting(Exception):
    """Raised by the event store when a year a command's facts fall in was closed between the
    command's check and its write (R7, checked again under the store's write lock)."""

    def __init__(self, year_id: UUID) -> None:
        super().__init__(f"reporting year {year_id} was closed meanwhile")
        self.year_id = year_id


class StaleRead(Exception):
    """A command was decided on a copy that is no longer current: it is decided again, fresh."""

    @classmethod
    def moved_on(cls, aggregate_id: UUID, read: int, stored: int | None) -> StaleRead:
        """Raised by the event store: an aggregate the command read is no longer at that version."""
        return cls(f"aggregate {aggregate_id} was read at version {read}; the store holds {stored}")

    @classmethod
    def written_meanwhile(cls) -> StaleRead:
        """An aggregate the command writes had a new version stored since it was cached."""
        return cls("an aggregate the command writes was changed meanwhile")
