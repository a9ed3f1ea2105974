"""The demos carry the contact network the seeds describe (R10)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from application.clock import FixedClock
from application.demo import TODAY, build_demo
from cli.demo import DEMO_DATA, STRATEGY_FILES
from infrastructure.strategy_file import read_strategy_file
from tests.support import make_app


def built(municipality: str):
    app = make_app("memory://", FixedClock(datetime(TODAY.year, 1, 1, tzinfo=timezone.utc)))
    build_demo(app, municipality, read_strategy_file(DEMO_DATA / STRATEGY_FILES[municipality]), "anna")
    return app


@pytest.fixture(scope="module")
def kalix_demo():
    return built("kalix")


@pytest.fixture(scope="module")
def holbaek_demo():
    return built("holbaek")


def test_kalix_has_pielavesi_since_1973_and_twin_towns_in_norway_lithuania_and_russia(kalix_demo):
    app = kalix_demo
    twin_towns = {p.country: p for p in app.list_partners("anna", kind="twin-town")}

    assert set(twin_towns) == {"FI", "NO", "LT", "RU"}
    assert twin_towns["FI"].key == "pielavesi" and twin_towns["FI"].established == "1973"
    russian = twin_towns["RU"]
    assert russian.status == "suspended" and russian.current.on == date(2022, 3, 3)
    assert "Ukraina" in russian.current.reason
    assert {p.key for p in app.list_partners("anna", kind="school")} >= {"partnerskola-pielavesi",
                                                                         "partnerskola-litauen"}
    assert app.load_partnership("handelskammaren").kind == "business"


@pytest.mark.parametrize("municipality", ["kalix_demo", "holbaek_demo"])
def test_every_partner_a_demo_project_names_exists_and_was_open_when_named(request, municipality):
    app = request.getfixturevalue(municipality)
    for project in app.list_projects("anna"):
        for key in project.partners:
            partner = app.load_partnership(key)
            assert partner.status_on(project.registered_on) in ("active", "dormant"), (project.ref, key)


def test_holbaek_partners_fit_its_focus_areas(holbaek_demo):
    app = holbaek_demo
    partners = app.list_partners("anna")

    assert {p.kind for p in partners} >= {"business", "school", "university", "authority", "ngo"}
    assert all(p.description for p in partners)
    assert app.show_partner("anna", "erhvervsforum").projects
