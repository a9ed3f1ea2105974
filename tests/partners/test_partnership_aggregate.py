"""The Partnership aggregate on its own (R10): status history with dated reasons, contacts, and
whether a new project may name it."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from domain.errors import InvalidInput, NotFound, RuleViolation
from domain.meta import Meta
from domain.partnership import ContactPerson, Partnership, since


def meta(on: date, reason: str | None = None) -> Meta:
    return Meta("anna", "admin", "c-1", datetime(2026, 1, 5, 9, tzinfo=timezone.utc), on, reason)


def pielavesi(**overrides) -> Partnership:
    values = dict(key="pielavesi", name="Pielavesi kunta", country="FI", kind="twin-town",
                  meta=meta(date(2024, 1, 8)), established="1973")
    values.update(overrides)
    return Partnership.add(**values)


def test_a_new_partnership_is_active_since_it_was_established():
    p = pielavesi()

    assert (p.status, p.current.on) == ("active", date(1973, 1, 1))
    assert p.established == "1973"


def test_without_an_establishment_date_the_first_status_runs_from_the_effective_date():
    p = pielavesi(established=None)

    assert p.current.on == date(2024, 1, 8)


@pytest.mark.parametrize("given, first_day", [("1973", date(1973, 1, 1)), ("1973-05", date(1973, 5, 1)),
                                              ("1973-05-17", date(1973, 5, 17))])
def test_establishment_may_be_a_year_a_month_or_a_day(given, first_day):
    assert since(given) == first_day


def test_an_establishment_after_the_effective_date_is_invalid():
    with pytest.raises(InvalidInput, match="established"):
        pielavesi(established="2030")


@pytest.mark.parametrize("field, value", [("kind", "town"), ("status", "paused")])
def test_an_unknown_kind_or_status_is_invalid_and_named(field, value):
    with pytest.raises(InvalidInput, match=f"^{field}: '{value}'"):
        pielavesi(**{field: value})


def test_a_status_change_is_dated_and_keeps_its_reason():
    p = pielavesi(key="kirovsk", name="Kirovsk", country="RU", established="1992")

    p.change_status("suspended", meta(date(2022, 3, 3), "Kontakterna vilar"))

    assert [(h.status, h.on, h.reason) for h in p.history] == [
        ("active", date(1992, 1, 1), None), ("suspended", date(2022, 3, 3), "Kontakterna vilar")]
    assert p.status_on(date(2021, 12, 31)) == "active"
    assert p.status_on(date(2022, 3, 3)) == "suspended"
    assert p.status_on(date(1980, 1, 1)) is None


def test_a_status_change_without_a_reason_is_invalid():
    p = pielavesi()

    with pytest.raises(InvalidInput, match="reason"):
        p.change_status("dormant", meta(date(2024, 2, 1), "  "))
    assert p.version == 1


def test_a_status_change_dated_before_the_current_status_is_refused_by_r10():
    p = pielavesi()
    p.change_status("dormant", meta(date(2015, 1, 1), "Inga aktiviteter"))

    with pytest.raises(RuleViolation, match="^R10: .*date order"):
        p.change_status("active", meta(date(2014, 1, 1), "Nytt avtal"))
    assert p.status == "dormant"


def test_setting_the_status_a_partnership_already_has_is_refused_by_r10():
    with pytest.raises(RuleViolation, match="^R10: .*already active"):
        pielavesi().change_status("active", meta(date(2024, 2, 1), "Igen"))


@pytest.mark.parametrize("status", ["suspended", "ended"])
def test_a_suspended_or_ended_partnership_cannot_join_a_new_project(status):
    p = pielavesi()
    p.change_status(status, meta(date(2024, 2, 1), "Avtalet sades upp"))

    with pytest.raises(RuleViolation, match=f"^R10: partner 'pielavesi' .* is {status} since 2024-02-01: Avtalet"):
        p.check_may_join_new_project()


@pytest.mark.parametrize("status", ["active", "dormant"])
def test_an_active_or_dormant_partnership_may_join_a_new_project(status):
    p = pielavesi()
    if status != "active":
        p.change_status(status, meta(date(2024, 2, 1), "Vilande"))

    p.check_may_join_new_project()


def test_contact_persons_are_added_and_removed_by_name():
    p = pielavesi()
    p.add_contact(ContactPerson("Aino Korhonen", "Rehtori", "aino@example.fi"), meta(date(2024, 2, 1)))
    p.add_contact(ContactPerson("Matti Virtanen"), meta(date(2024, 2, 1)))

    p.remove_contact("Matti Virtanen", meta(date(2024, 3, 1)))

    assert list(p.contacts) == ["Aino Korhonen"]
    with pytest.raises(NotFound):
        p.remove_contact("Matti Virtanen", meta(date(2024, 3, 1)))
    with pytest.raises(RuleViolation, match="already has a contact"):
        p.add_contact(ContactPerson("Aino Korhonen"), meta(date(2024, 3, 1)))
