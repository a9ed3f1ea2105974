"""What the audit tools need from a chain-writing recorder, whichever database is behind it."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # named in annotations only: loading domain.audit is ~1 ms of a command's start-up
    from domain.audit import LinkRow, Seal

EventRow = tuple[int, bytes, int, str, bytes]  # position, originator bytes, version, topic, state
ScanRow = tuple[int, bytes, int, str, bytes, "bytes | None"]  # an event row and its stored link, if any


@dataclass(frozen=True)
class Scan:
    """From one snapshot: every stored event in position order with its stored link (None if it
    has none), and the links whose event is gone, in position order."""

    events: Iterator[ScanRow]
    orphans: list[LinkRow]


class ChainedRecorder(Protocol):
    """A recorder that writes the chain with the events, in the same transaction."""

    def scan(self) -> AbstractContextManager[Scan]: ...

    def head(self) -> LinkRow | None: ...

    def add_seal(self, seal: Seal) -> None: ...

    def seals(self) -> list[Seal]: ...

    def positions_of(self, originator_id: object) -> dict[int, int]: ...

    def links_between(self, first: int, last: int) -> dict[int, bytes]: ...

    def import_rows(self, rows: Iterable[tuple[int, object, int, str, bytes, bytes]]) -> int: ...


@runtime_checkable
class _HasScan(Protocol):
    def scan(self) -> AbstractContextManager[Scan]: ...


def is_chained(recorder: object) -> bool:
    return isinstance(recorder, _HasScan)
