"""R9 as the application applies it: case work by department, read-only auditors, admin everywhere."""

from __future__ import annotations

import pytest

from domain.errors import NotPermitted
from tests.application.refusals import refused
from tests.support import ADMIN, AUDITOR, OFFICER, OTHER_OFFICER, REPORTER, ctx, register


def test_an_officer_registers_and_works_cases_of_their_own_department(kalix):
    ref = register(kalix)
    kalix.explore(ctx(OFFICER), ref)
    assert kalix.load_project(ref).status == "exploration"


def test_an_officer_cannot_work_a_case_of_another_department(kalix):
    ref = register(kalix)
    error = refused(kalix, NotPermitted, kalix.explore, ctx(OTHER_OFFICER), ref)
    assert str(error) == "R9: officer 'stina' is not appointed to department 'buf'"


def test_an_officer_cannot_register_a_case_for_another_department(kalix):
    refused(
        kalix,
        NotPermitted,
        kalix.register_project,
        ctx(OTHER_OFFICER),
        title="X",
        department="buf",
        focus_area=["turism"],
        match=r"^R9: ",
    )


@pytest.mark.parametrize("actor", [AUDITOR, REPORTER])
def test_auditors_and_reporters_cannot_register_or_work_cases(kalix, actor):
    ref = register(kalix)
    refused(
        kalix,
        NotPermitted,
        kalix.register_project,
        ctx(actor),
        title="X",
        department="buf",
        focus_area=["turism"],
        match=r"^R9: ",
    )
    refused(kalix, NotPermitted, kalix.explore, ctx(actor), ref, match=r"^R9: .* may not do case work")


def test_the_admin_works_cases_of_every_department_and_is_recorded_as_admin(kalix):
    ref = kalix.register_project(
        ctx(ADMIN), title="Näringslivsresa", department="kf-adm", focus_area=["naringsliv"]
    )["ref"]
    kalix.explore(ctx(ADMIN), ref)
    history = kalix.history(AUDITOR, ref)
    assert {(h.actor, h.role) for h in history} == {("anna", "admin")}


def test_appointing_an_officer_to_a_department_lets_them_work_its_cases(kalix):
    ref = register(kalix)
    kalix.appoint(ctx(ADMIN), name=OTHER_OFFICER, department=["kf-adm", "buf"])
    kalix.explore(ctx(OTHER_OFFICER), ref)
    assert kalix.load_project(ref).status == "exploration"


@pytest.mark.parametrize("actor", [OFFICER, AUDITOR, REPORTER])
def test_only_the_admin_sets_up_the_organisation(kalix, actor):
    refused(kalix, NotPermitted, kalix.add_user, ctx(actor), name="ny", role="admin", match=r"^R9: ")
