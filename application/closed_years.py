"""R7 in the command path: a fact effective in a closed year is refused unless it is recorded as
a correction, which names the original event and the open year it is posted in."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.errors import InvalidInput, NotFound
from domain.project import Project

if TYPE_CHECKING:
    from domain.reporting_year import Correction


class ClosedYears:
    """Which years are closed, asked of the event store; a closed year never reopens, so a
    positive answer is remembered."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self._closed: set[int] = set()

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

    def check(self, aggregates: list[Any], correction: Correction | None) -> None:
        """R7: refuse, before anything is saved, a fact in a closed year that is not a correction."""
        facts = [(a, e) for a in aggregates if isinstance(a, Project) for e in a.pending_events]
        if correction is not None and not facts:
            raise InvalidInput("correction-of", "only a fact about a case can be recorded as a correction")
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


def _what(event: Any) -> str:
    name = type(event).__name__
    return "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip().replace(" recorded", "")
