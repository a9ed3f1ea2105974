"""R7 in the command path: a fact effective in a closed year is refused unless it is recorded as
a correction, which names the original event and the open year it is posted in."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.consistency import OPEN_YEARS, ClosedWhileWriting
from domain.errors import InvalidInput, NotFound, RuleViolation
from domain.memo import Memo
from domain.project import Project

if TYPE_CHECKING:
    from domain.reporting_year import Correction


class ClosedYears:
    """Which years are closed, asked of the event store; a closed year never reopens, so a
    positive answer is remembered."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self._closed: set[int] = set()
        self._store_checks = bool(getattr(app.recorder, "checks_reads_at_write", False))

    def is_closed(self, year: int) -> bool:
        if year in self._closed:
            return True
        from domain.reporting_year import reporting_year_id  # not imported by read-only commands

        if self._app.recorder.select_events(reporting_year_id(year), limit=1):
            self._closed.add(year)
            return True
        return False

    def next_open(self, year: int) -> int:
        year += 1
        while self.is_closed(year):
            year += 1
        return year

    def correction(self, position: int | None) -> Correction | None:
        """The correction `--correction-of POSITION` asks for: the original and where it is posted."""
        if position is None:
            return None
        original = self._original(position)
        year = original.effective_date.year
        if not self.is_closed(year):
            raise InvalidInput(
                "correction-of", f"the event at position {position} is effective in {year}, an open year;"
                " record the fact normally"
            )
        from domain.reporting_year import Correction

        return Correction(of_position=position, original_year=year, posted_in=self.next_open(year))

    def check(self, aggregates: list[Any], correction: Correction | None) -> tuple[dict[str, Any], OpenYears]:
        """R7: refuse, before anything is saved, a fact in a closed year that is not a correction.
        Years not known to be closed are returned, to be checked again by the event store under
        its write lock (one query fewer per command, and no window between check and write),
        with the options that ask the store to (save_options); a store that cannot do
        that (the in-memory one) is asked here instead."""
        if correction is None and self._store_checks:  # most commands: the store checks the years
            must_be_open: OpenYears = []
            for aggregate in aggregates:
                if _IS_CASE[type(aggregate)]:
                    for event in aggregate._pending_events:  # the library's property is a Python call
                        year = event.effective_date.year
                        if year in self._closed:
                            from domain.reporting_year import r7_fact_in_closed_year

                            raise r7_fact_in_closed_year(year, _what(event), aggregate.ref)
                        must_be_open.append((year, event, aggregate))
            if len(must_be_open) == 1:  # most commands: one fact (save_options' answer, without its call)
                return {OPEN_YEARS: (_YEAR_IDS[year],)}, must_be_open
            return save_options(must_be_open), must_be_open
        facts = [(a, e) for a in aggregates if isinstance(a, Project) for e in a.pending_events]
        if correction is not None and not facts:
            raise InvalidInput("correction-of", "only a fact about a case can be recorded as a correction")
        must_be_open: OpenYears = []
        for project, event in facts:
            year = event.effective_date.year
            if not self.is_closed(year):
                if correction is not None:
                    raise InvalidInput(
                        "correction-of", f"{year} is an open year; a fact effective in it needs no correction"
                    )
                continue
            if correction is None:
                from domain.reporting_year import r7_fact_in_closed_year

                raise r7_fact_in_closed_year(year, _what(event), project.ref)
            if correction.original_year != year:
                raise InvalidInput(
                    "correction-of", f"position {correction.of_position} is effective in"
                    f" {correction.original_year}, the correcting fact in {year}",
                )
            if self._original(correction.of_position).originator_id != project.id:
                raise InvalidInput(
                    "correction-of", f"position {correction.of_position} is not an event of {project.ref}"
                )
        return {}, must_be_open

    def closed_meanwhile(self, must_be_open: OpenYears, closed: ClosedWhileWriting) -> RuleViolation:
        """The R7 refusal for a year the store found closed when the command's facts were written."""
        from domain.reporting_year import r7_fact_in_closed_year

        year, what, ref = fact_in(must_be_open, closed.year_id)
        self._closed.add(year)
        return r7_fact_in_closed_year(year, what, ref)

    def _original(self, position: int) -> Any:
        if position < 1:
            raise InvalidInput("correction-of", "a position is a positive integer")
        found = self._app.recorder.select_notifications(position, 1, stop=position)
        if not found:
            raise NotFound(f"no event at position {position}")
        event = self._app.mapper.to_domain_event(found[0])
        if not isinstance(event.originator_id, UUID) or not type(event).__qualname__.startswith("Project."):
            raise InvalidInput("correction-of", f"position {position} is not an event of a case")
        return event


# The facts of a command whose years must still be open when they are written, as (year, event,
# project); the store is asked whether each year's reporting-year stream exists.
OpenYears = list[tuple[int, Any, Any]]


def save_options(must_be_open: OpenYears) -> dict[str, Any]:
    """What `Application.save` passes on to the recorder (nothing when no year needs a check)."""
    if not must_be_open:
        return {}
    return {OPEN_YEARS: tuple(_YEAR_IDS[year] for year in dict.fromkeys(fact[0] for fact in must_be_open))}


def fact_in(must_be_open: OpenYears, year_id: UUID) -> tuple[int, str, str | None]:
    """The year, what and which case of the first fact in the year `year_id` names."""
    for year, event, project in must_be_open:
        if _YEAR_IDS[year] == year_id:
            return year, _what(event), project.ref
    raise KeyError(year_id)


def _year_id(year: int) -> UUID:
    from domain.reporting_year import reporting_year_id  # not imported by read-only commands

    return reporting_year_id(year)


_YEAR_IDS = Memo(_year_id)  # each reporting year's stream id, asked for by every command
# Whether an aggregate class is a case's (its events are facts), asked of every aggregate a command
# saves: isinstance of another class goes through ABCMeta's __instancecheck__, in Python.
_IS_CASE = Memo(lambda cls: issubclass(cls, Project))


def _what(event: Any) -> str:
    return _what_kind(type(event).__name__)


@lru_cache(maxsize=256)  # asked once per fact of every command, of a few dozen event names
def _what_kind(name: str) -> str:
    return "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip().replace(" recorded", "")
