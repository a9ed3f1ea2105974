"""Case references are gap-free per year: <CODE>-<YEAR>-<NNNN>, the year being the registration's date."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidInput, NotFound, NotPermitted, RuleViolation
from domain.project import project_id
from tests.application.refusals import refused
from tests.support import AUDITOR, ctx, register


def test_registrations_are_numbered_consecutively_within_the_year(kalix):
    assert [register(kalix) for _ in range(3)] == ["KAL-2026-0001", "KAL-2026-0002", "KAL-2026-0003"]


def test_a_registration_dated_in_an_earlier_year_is_numbered_in_that_year(kalix):
    assert register(kalix) == "KAL-2026-0001"
    earlier = kalix.register_project(
        ctx(on=date(2025, 11, 3)), title="Julmarknad i Pielavesi", department="buf", focus_area=["turism"]
    )["ref"]
    assert earlier == "KAL-2025-0001"
    assert register(kalix) == "KAL-2026-0002"
    assert kalix.load_project(earlier).registered_on == date(2025, 11, 3)


@pytest.mark.parametrize(
    "error, values, actor",
    [
        (RuleViolation, {"focus_area": ["rymdfart"]}, "olle"),
        (NotPermitted, {}, AUDITOR),
        (NotPermitted, {"department": "kf-adm"}, "olle"),
        (NotFound, {"department": "okand"}, "anna"),
        (InvalidInput, {"budget": "-1"}, "olle"),
    ],
    ids=[
        "R1 unknown focus area",
        "auditor",
        "officer of another department",
        "unknown department",
        "negative budget",
    ],
)
def test_a_refused_registration_uses_up_no_number(kalix, error, values, actor):
    assert register(kalix) == "KAL-2026-0001"
    fields = {"title": "Elevutbyte", "department": "buf", "focus_area": ["utbildning"], **values}
    refused(kalix, error, kalix.register_project, ctx(actor), **fields)
    assert register(kalix) == "KAL-2026-0002"


def test_a_case_is_found_by_its_reference_in_any_case_and_by_its_id(kalix):
    ref = register(kalix)
    project = kalix.load_project(ref)
    assert project.id == project_id("KAL-2026-0001")
    assert kalix.load_project(" kal-2026-0001 ").id == project.id
    assert kalix.load_project(str(project.id)).ref == ref


def test_an_unknown_reference_is_not_found(kalix):
    with pytest.raises(NotFound, match="KAL-2026-0042"):
        kalix.load_project("KAL-2026-0042")
