"""The organisation: deciding bodies, departments under boards, users with roles."""

from __future__ import annotations

import pytest

from domain.errors import InvalidInput, NotFound, RuleViolation
from domain.organisation import Organisation
from tests.unit.builders import meta, refused

ADMIN = {"actor": "anna", "role": "admin"}


@pytest.fixture
def org() -> Organisation:
    org = Organisation.found(
        name="Holbæk Kommune", code="HOL", country="DK", currency="DKK", language="da", meta=meta(**ADMIN)
    )
    org.add_body("vaekst", "Vækstudvalget", "committee", meta(**ADMIN))
    org.add_body("direktor", "Kommunaldirektøren", "official", meta(**ADMIN))
    return org


def test_founding_records_the_municipality_and_its_reporting_currency(org):
    assert (org.name, org.code, org.country, org.currency, org.language) == (
        "Holbæk Kommune",
        "HOL",
        "DK",
        "DKK",
        "da",
    )


def test_a_language_other_than_danish_swedish_or_english_is_invalid():
    with pytest.raises(InvalidInput) as refused_:
        Organisation.found(
            name="X", code="XX", country="DE", currency="EUR", language="de", meta=meta(**ADMIN)
        )
    assert refused_.value.field == "language"


def test_only_political_bodies_are_political(org):
    assert org.body("vaekst").is_political
    assert not org.body("direktor").is_political


def test_a_body_of_an_unknown_kind_is_invalid(org):
    error = refused(org, InvalidInput, lambda: org.add_body("x", "X", "parliament", meta(**ADMIN)))
    assert error.field == "kind"


def test_a_body_key_is_used_once(org):
    refused(
        org,
        RuleViolation,
        lambda: org.add_body("vaekst", "Igen", "board", meta(**ADMIN)),
        match="already exists",
    )


def test_a_department_reports_to_a_political_body_and_not_to_the_official(org):
    org.add_department("erhverv", "Erhverv", "vaekst", meta(**ADMIN))
    assert org.department("erhverv").board == "vaekst"
    error = refused(org, InvalidInput, lambda: org.add_department("adm", "Adm", "direktor", meta(**ADMIN)))
    assert error.field == "board"


def test_a_department_under_an_unknown_board_is_not_found(org):
    refused(org, NotFound, lambda: org.add_department("adm", "Adm", "byraadet", meta(**ADMIN)))


def test_an_officer_is_appointed_to_at_least_one_department(org):
    error = refused(org, InvalidInput, lambda: org.add_user("lars", "officer", [], meta(**ADMIN)))
    assert error.field == "department"


def test_a_user_name_is_used_once(org):
    refused(
        org, RuleViolation, lambda: org.add_user("anna", "auditor", [], meta(**ADMIN)), match="already exists"
    )


def test_an_officer_cannot_be_appointed_to_no_department_at_all(org):
    org.add_department("erhverv", "Erhverv", "vaekst", meta(**ADMIN))
    org.add_user("lars", "officer", ["erhverv"], meta(**ADMIN))
    error = refused(org, InvalidInput, lambda: org.appoint("lars", [], meta(**ADMIN)))
    assert error.field == "department"
    assert org.user("lars").departments == ["erhverv"]
