"""Case references <CODE>-<YEAR>-<NNNN>: one counter per year, gap-free and unique."""
from __future__ import annotations

from uuid import UUID

from domain.base import UdsynAggregate, deterministic_id
from domain.meta import Meta


def counter_id(code: str, year: int) -> UUID:
    return deterministic_id("case-counter", code, year)


def format_ref(code: str, year: int, number: int) -> str:
    return f"{code}-{year}-{number:04d}"


class CaseCounter(UdsynAggregate):
    """Issues the next number of a year; saved with the new project, so a lost race retries."""

    copied_containers = ("_pending_events",)

    class Opened(UdsynAggregate.Created):
        code: str
        year: int

        def apply(self, c: CaseCounter) -> None:
            c.code, c.year, c.issued = self.code, self.year, 0

    class NumberIssued(UdsynAggregate.Event):
        number: int

        def apply(self, c: CaseCounter) -> None:
            c.issued = self.number

    @classmethod
    def open(cls, code: str, year: int, meta: Meta) -> CaseCounter:
        return cls._create_with(cls.Opened, counter_id(code, year), meta, dict(code=code, year=year))

    def issue(self, meta: Meta) -> str:
        """The next case reference of the year."""
        self._record(self.NumberIssued, meta, number=self.issued + 1)
        return format_ref(self.code, self.year, self.issued)
