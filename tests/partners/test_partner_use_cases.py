"""Partners through the application (in memory): R10 on project registration both ways, bad input,
permissions, and nothing written on any refusal."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidInput, NotFound, NotPermitted, RuleViolation
from tests.support import ADMIN, AUDITOR, OFFICER, ctx, register, stored_event_count


def test_a_project_may_name_active_and_dormant_partners(kalix):
    ref = register(kalix, partner=["pielavesi", "lenvik"])

    assert kalix.load_project(ref).partners == ["pielavesi", "lenvik"]


def test_a_project_naming_a_suspended_partner_is_refused_by_r10_and_nothing_is_written(kalix):
    before = stored_event_count(kalix)

    with pytest.raises(RuleViolation, match=r"^R10: partner 'kirovsk' \(Kirovsk\) is suspended since 2022-03-03"):
        register(kalix, partner=["pielavesi", "kirovsk"])
    assert stored_event_count(kalix) == before


def test_a_project_naming_an_ended_partner_is_refused_by_r10(kalix):
    kalix.set_partner_status(ctx(ADMIN, on=date(2025, 12, 31), reason="Avtalet löpte ut"), key="lenvik",
                             status="ended")
    before = stored_event_count(kalix)

    with pytest.raises(RuleViolation, match="^R10: .*ended"):
        register(kalix, partner=["lenvik"])
    assert stored_event_count(kalix) == before


def test_a_reactivated_partner_may_be_named_again(kalix):
    kalix.set_partner_status(ctx(ADMIN, on=date(2026, 1, 2), reason="Nytt samarbetsavtal"), key="kirovsk",
                             status="active")

    assert kalix.load_project(register(kalix, partner=["kirovsk"])).partners == ["kirovsk"]


def test_a_project_naming_an_unknown_partner_is_not_found_and_nothing_is_written(kalix):
    before = stored_event_count(kalix)

    with pytest.raises(NotFound, match="no partner 'tromso'"):
        register(kalix, partner=["tromso"])
    assert stored_event_count(kalix) == before


def test_a_project_naming_a_partner_twice_is_invalid(kalix):
    with pytest.raises(InvalidInput, match="^partner:"):
        register(kalix, partner=["pielavesi", "pielavesi"])


def test_a_suspension_does_not_touch_projects_that_already_name_the_partner(kalix):
    ref = register(kalix, partner=["pielavesi"])
    kalix.set_partner_status(ctx(OFFICER, reason="Kommunsammanslagning"), key="pielavesi", status="suspended")

    kalix.explore(ctx(), ref)

    assert kalix.load_project(ref).status == "exploration"


@pytest.mark.parametrize("field, values", [
    ("country", dict(country="XX")),
    ("country", dict(country="EU")),
    ("country", dict(country="fi")),
    ("kind", dict(kind="town")),
    ("status", dict(status="paused")),
    ("established", dict(established="sedan 1973")),
    ("key", dict(key="Tromsø")),
])
def test_bad_partner_input_is_invalid_naming_the_field_and_nothing_is_written(kalix, field, values):
    before = stored_event_count(kalix)
    good = dict(key="tromso", name="Tromsø kommune", country="NO", kind="twin-town")

    with pytest.raises(InvalidInput, match=f"^{field}:"):
        kalix.add_partner(ctx(ADMIN), **{**good, **values})
    assert stored_event_count(kalix) == before


def test_adding_a_partner_twice_is_refused_and_nothing_is_written(kalix):
    before = stored_event_count(kalix)

    with pytest.raises(RuleViolation, match="already exists"):
        kalix.add_partner(ctx(ADMIN), key="pielavesi", name="Pielavesi", country="FI", kind="twin-town")
    assert stored_event_count(kalix) == before


@pytest.mark.parametrize("command, values", [
    ("set_partner_status", dict(key="tromso", status="dormant")),
    ("add_contact", dict(key="tromso", name="Kari Nordmann")),
    ("remove_contact", dict(key="pielavesi", name="Kari Nordmann")),
])
def test_changing_an_unknown_partner_or_contact_is_not_found_and_nothing_is_written(kalix, command, values):
    before = stored_event_count(kalix)

    with pytest.raises(NotFound):
        getattr(kalix, command)(ctx(ADMIN, reason="Test"), **values)
    assert stored_event_count(kalix) == before


def test_an_auditor_may_read_the_network_but_not_change_it(kalix):
    before = stored_event_count(kalix)

    with pytest.raises(NotPermitted, match="^R9:"):
        kalix.add_partner(ctx(AUDITOR), key="tromso", name="Tromsø", country="NO", kind="twin-town")
    with pytest.raises(NotPermitted):
        kalix.set_partner_status(ctx(AUDITOR, reason="x"), key="pielavesi", status="dormant")
    assert stored_event_count(kalix) == before
    assert kalix.show_partner(AUDITOR, "pielavesi").partnership.name == "Pielavesi kunta"


def test_an_officer_keeps_the_contact_network(kalix):
    kalix.add_partner(ctx(OFFICER), key="partnerskola-litauen", name="Progimnazija", country="LT", kind="school")
    kalix.add_contact(ctx(OFFICER), key="partnerskola-litauen", name="Rasa Kazlauskienė", title="Direktorė")

    assert list(kalix.show_partner(OFFICER, "partnerskola-litauen").partnership.contacts) == ["Rasa Kazlauskienė"]


def test_a_repeated_command_id_changes_the_status_once(kalix):
    first = kalix.set_partner_status(ctx(ADMIN, command_id="s-1", reason="Vilande"), key="pielavesi",
                                     status="dormant")
    again = kalix.set_partner_status(ctx(ADMIN, command_id="s-1", reason="Vilande"), key="pielavesi",
                                     status="dormant")

    assert again == {**first, "replayed": True}
    assert len(kalix.load_partnership("pielavesi").history) == 2


def test_show_lists_the_projects_that_involve_the_partner(kalix):
    first = register(kalix, partner=["pielavesi"])
    register(kalix, partner=["handelskammaren"])
    third = register(kalix, partner=["lenvik", "pielavesi"])

    view = kalix.show_partner(AUDITOR, "pielavesi")

    assert [p.ref for p in view.projects] == [first, third]


def test_list_filters_by_country_status_and_kind(kalix):
    assert [p.key for p in kalix.list_partners(AUDITOR)] == ["pielavesi", "lenvik", "kirovsk", "handelskammaren"]
    assert [p.key for p in kalix.list_partners(AUDITOR, country="NO")] == ["lenvik"]
    assert [p.key for p in kalix.list_partners(AUDITOR, status="suspended")] == ["kirovsk"]
    assert [p.key for p in kalix.list_partners(AUDITOR, kind="business")] == ["handelskammaren"]
    with pytest.raises(InvalidInput, match="^status:"):
        kalix.list_partners(AUDITOR, status="paused")
