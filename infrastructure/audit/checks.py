"""The checks both recorders make in the writing transaction, on the versions they found stored."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from domain.consistency import ClosedWhileWriting, StaleRead


def raise_if_moved_on(open_years: Sequence[UUID], read: dict[UUID, int], versions: Sequence[int | None]) -> None:
    """R7 first (a reporting year's stream exists once the year is closed), then the reads.
    `versions` holds the newest stored version of each id asked for, in the order asked (the
    years, then the reads), None for none: no dictionary of ids to build and hash."""
    if len(versions) != len(open_years) + len(read):
        raise ValueError("a stored version for each year and each read, in order")
    stored = iter(versions)
    for year_id, version in zip(open_years, stored):
        if version is not None:
            raise ClosedWhileWriting(year_id)
    for (aggregate_id, version), found in zip(read.items(), stored):
        if found != version:
            raise StaleRead.moved_on(aggregate_id, version, found)
