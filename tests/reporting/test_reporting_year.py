"""The ReportingYear aggregate on its own: closing only after the year, what the close records."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from domain.errors import RuleViolation
from domain.meta import Meta
from domain.reporting_year import ReportingYear, r7_not_closed, reporting_year_id

META = Meta(actor="rapport", role="reporter", command_id="c1",
            recorded_at=datetime(2027, 2, 1, 9, tzinfo=timezone.utc), effective_date=date(2027, 2, 1))


def test_a_year_closes_with_its_totals_position_and_report_under_an_id_fixed_by_the_year():
    year = ReportingYear.close(year=2026, today=date(2027, 2, 1), position=42, totals={"expenditure": "10.00"},
                               report={"year": 2026}, meta=META)

    assert (year.id, year.year, year.position, year.totals, year.report) == (
        reporting_year_id(2026), 2026, 42, {"expenditure": "10.00"}, {"year": 2026})
    assert year.closed_at == META.recorded_at and year.id != reporting_year_id(2027)


@pytest.mark.parametrize("today", [date(2026, 12, 31), date(2026, 6, 1)])
def test_a_year_cannot_close_before_it_has_ended(today):
    with pytest.raises(RuleViolation, match="R7: 2026 has not ended yet"):
        ReportingYear.close(year=2026, today=today, position=1, totals={}, report={}, meta=META)


def test_closing_a_closed_year_names_r7():
    with pytest.raises(RuleViolation, match="R7: 2026 is already closed"):
        r7_not_closed(2026, closed=True)
    r7_not_closed(2026, closed=False)
