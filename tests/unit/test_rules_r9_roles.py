"""R9: admin does everything; an officer does case work only for the departments they are appointed
to; an auditor only reads; a reporter reads and reports."""

from __future__ import annotations

import pytest

from application.authorisation import CASEWORK, ORGANISE, READ, REPORT, authorise
from domain.errors import NotPermitted
from domain.organisation import Organisation
from tests.unit.builders import meta


@pytest.fixture
def kalix() -> Organisation:
    admin = meta(actor="anna", role="admin")
    org = Organisation.found(
        name="Kalix kommun", code="KAL", country="SE", currency="SEK", language="sv", meta=admin
    )
    org.add_body("bun", "Barn- och utbildningsnämnden", "board", meta(actor="anna", role="admin"))
    org.add_body("ks", "Kommunstyrelsen", "board", meta(actor="anna", role="admin"))
    org.add_department("buf", "Barn- och utbildningsförvaltningen", "bun", meta(actor="anna", role="admin"))
    org.add_department("kf-adm", "Kommunledningsförvaltningen", "ks", meta(actor="anna", role="admin"))
    org.add_user("olle", "officer", ["buf"], meta(actor="anna", role="admin"))
    org.add_user("revisor", "auditor", [], meta(actor="anna", role="admin"))
    org.add_user("rapport", "reporter", [], meta(actor="anna", role="admin"))
    return org


def test_an_officer_does_case_work_in_the_department_they_are_appointed_to(kalix):
    assert authorise(kalix, "olle", CASEWORK, "buf").name == "olle"


def test_an_officer_outside_their_department_is_not_permitted(kalix):
    with pytest.raises(NotPermitted, match=r"^R9: officer 'olle' is not appointed to department 'kf-adm'"):
        authorise(kalix, "olle", CASEWORK, "kf-adm")


def test_appointing_an_officer_to_another_department_moves_their_case_work_there(kalix):
    kalix.appoint("olle", ["kf-adm"], meta(actor="anna", role="admin"))
    assert authorise(kalix, "olle", CASEWORK, "kf-adm").departments == ["kf-adm"]
    with pytest.raises(NotPermitted, match=r"^R9: "):
        authorise(kalix, "olle", CASEWORK, "buf")


@pytest.mark.parametrize("actor, role", [("revisor", "auditor"), ("rapport", "reporter")])
def test_auditors_and_reporters_cannot_do_case_work(kalix, actor, role):
    with pytest.raises(NotPermitted, match=rf"^R9: '{actor}' is an? {role} and may not do case work"):
        authorise(kalix, actor, CASEWORK, "buf")


@pytest.mark.parametrize("department", ["buf", "kf-adm"])
def test_the_admin_does_case_work_in_every_department(kalix, department):
    assert authorise(kalix, "anna", CASEWORK, department).role == "admin"


def test_the_first_admin_is_whoever_founded_the_organisation(kalix):
    assert kalix.users["anna"].role == "admin"
    assert authorise(kalix, "anna", ORGANISE).name == "anna"


@pytest.mark.parametrize("actor", ["olle", "revisor", "rapport"])
def test_only_the_admin_organises(kalix, actor):
    with pytest.raises(NotPermitted, match=r"^R9: "):
        authorise(kalix, actor, ORGANISE)


def test_the_reporter_reports_and_the_auditor_does_not(kalix):
    assert authorise(kalix, "rapport", REPORT).role == "reporter"
    with pytest.raises(NotPermitted, match=r"^R9: "):
        authorise(kalix, "revisor", REPORT)


@pytest.mark.parametrize("actor", ["anna", "olle", "revisor", "rapport"])
def test_every_role_may_read(kalix, actor):
    assert authorise(kalix, actor, READ).name == actor


def test_an_unknown_actor_is_not_permitted(kalix):
    with pytest.raises(NotPermitted, match=r"^R9: 'mallory' is not a registered user"):
        authorise(kalix, "mallory", READ)
