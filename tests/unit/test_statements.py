"""R7: a project's annual statement for a year of the annual report."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidInput
from tests.unit.builders import executing, meta, refused


def test_a_statement_is_kept_per_year_with_its_submission_date():
    project = executing()
    project.submit_statement(2026, "  Tjugo elever deltog.  ", meta(date(2027, 1, 20)))
    statement = project.statements["2026"]
    assert (statement.year, statement.text, statement.submitted_on) == (
        2026,
        "Tjugo elever deltog.",
        date(2027, 1, 20),
    )


@pytest.mark.parametrize("year", [2025, 2027], ids=["before registration", "not yet begun"])
def test_a_statement_for_a_year_outside_the_projects_life_so_far_is_invalid(year):
    project = executing()
    error = refused(
        project, InvalidInput, lambda: project.submit_statement(year, "Text", meta(date(2026, 12, 1)))
    )
    assert error.field == "year"


def test_an_empty_statement_is_invalid():
    project = executing()
    error = refused(
        project, InvalidInput, lambda: project.submit_statement(2026, "  ", meta(date(2026, 12, 1)))
    )
    assert error.field == "text"
