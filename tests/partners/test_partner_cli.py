"""`udsyn partner` end to end on SQLite: exit codes per SPEC §5, one `error:` line naming the rule
or field, --json output, and nothing written on any refusal."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import assert_one_error_line, run, stored_events
from tests.partners.conftest import add_network
from tests.support import ADMIN, AUDITOR, make_app, set_up_kalix


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('partners') / 'udsyn.db'}"
    app = make_app(url)
    set_up_kalix(app)
    add_network(app)
    return url


@pytest.fixture
def fresh_db(sqlite_url) -> str:
    app = make_app(sqlite_url)
    set_up_kalix(app)
    add_network(app)
    return sqlite_url


REGISTER = "project register --title Vänortsläger --department buf --focus-area utbildning --budget 20000"


@pytest.mark.parametrize("command, code, says", [
    ("partner add tromso --name Tromsø --country XX --kind twin-town", 2, "error: country: "),
    ("partner add tromso --name Tromsø --country NO --kind town", 2, "error: kind: "),
    ("partner add tromso --name Tromsø --country NO --kind twin-town --status paused", 2, "error: status: "),
    ("partner set-status pielavesi paused --reason x", 2, "error: status: "),
    ("partner set-status pielavesi dormant", 2, "--reason"),
    ("partner list --country ZZ", 2, "error: country: "),
    ("partner show tromso", 4, "error: no partner 'tromso'"),
    ("partner set-status tromso dormant --reason x", 4, "error: no partner 'tromso'"),
    ("partner add-contact tromso --name Kari", 4, "error: no partner 'tromso'"),
    ("partner add pielavesi --name P --country FI --kind twin-town", 1, "error: R10: partner 'pielavesi' already"),
    ("partner set-status kirovsk suspended --reason igen", 1, "error: R10: "),
    (f"{REGISTER} --partner kirovsk", 1, "error: R10: partner 'kirovsk' (Kirovsk) is suspended since 2022-03-03"),
    (f"{REGISTER} --partner tromso", 4, "error: no partner 'tromso'"),
])
def test_a_refused_partner_command_exits_with_its_code_and_writes_nothing(db, command, code, says):
    before = stored_events(db)

    result = run(command, db=db, actor=ADMIN)

    assert result.code == code, result
    assert_one_error_line(result.err)
    assert says in result.err
    assert stored_events(db) == before


def test_an_auditor_changing_a_partner_exits_3(db):
    before = stored_events(db)

    result = run("partner set-status pielavesi dormant --reason x", db=db, actor=AUDITOR)

    assert result.code == 3 and result.err.startswith("error: R9: ")
    assert stored_events(db) == before


def test_add_set_status_and_show_in_json(fresh_db):
    added = run("partner add tromso --name 'Tromsø kommune' --country NO --kind twin-town --established 1995-06",
                db=fresh_db, actor=ADMIN, as_json=True)
    changed = run("partner set-status tromso dormant --date 2020-01-01 --reason 'Inga utbyten sedan 2019'",
                  db=fresh_db, actor=ADMIN, as_json=True)
    contact = run("partner add-contact tromso --name 'Kari Nordmann' --email kari@example.no --phone '+47 77 79 00 00'",
                  db=fresh_db, actor=ADMIN)
    registered = run(f"{REGISTER} --partner tromso", db=fresh_db, actor=ADMIN, as_json=True)
    shown = run("partner show tromso", db=fresh_db, actor=AUDITOR, as_json=True)

    assert (added.code, changed.code, contact.code, registered.code, shown.code) == (0, 0, 0, 0, 0)
    assert json.loads(added.out)["status"] == "active" and json.loads(added.out)["since"] == "1995-06-01"
    assert json.loads(changed.out)["status"] == "dormant"
    view = json.loads(shown.out)
    assert view["history"] == [
        {"status": "active", "on": "1995-06-01", "reason": None},
        {"status": "dormant", "on": "2020-01-01", "reason": "Inga utbyten sedan 2019"},
    ]
    assert view["contacts"] == [{"name": "Kari Nordmann", "title": None, "email": "kari@example.no",
                                 "phone": "+47 77 79 00 00"}]
    assert view["projects"] == [{"ref": json.loads(registered.out)["ref"], "title": "Vänortsläger",
                                 "status": "idea", "department": "buf"}]


def test_list_as_text_and_json(db):
    text = run("partner list --kind twin-town", db=db, actor=AUDITOR)
    rows = json.loads(run("partner list --status suspended", db=db, actor=AUDITOR, as_json=True).out)

    assert text.code == 0
    assert [line.split()[0] for line in text.out.splitlines()] == ["pielavesi", "lenvik", "kirovsk"]
    assert [(r["key"], r["country"], r["since"]) for r in rows] == [("kirovsk", "RU", "2022-03-03")]


def test_the_network_and_the_ranking_through_the_cli_on_postgresql(postgres_url):
    app = make_app(postgres_url)
    set_up_kalix(app)
    app.close()
    db = postgres_url

    assert run("partner add kirovsk --name Kirovsk --country RU --kind twin-town --established 1991",
               db=db, actor=ADMIN).code == 0
    assert run("partner set-status kirovsk suspended --date 2022-03-03 --reason 'Samarbetet vilar'",
               db=db, actor=ADMIN).code == 0
    before = stored_events(db)
    refused = run(f"{REGISTER} --partner kirovsk", db=db, actor=ADMIN)
    assert (refused.code, stored_events(db)) == (1, before)
    assert refused.err.startswith("error: R10: partner 'kirovsk' (Kirovsk) is suspended since 2022-03-03")
    assert run(REGISTER, db=db, actor=ADMIN).code == 0

    ranking = json.loads(run("portfolio rank", db=db, actor=AUDITOR, as_json=True).out)["ranking"]
    coverage = json.loads(run("strategy show --coverage", db=db, actor=AUDITOR, as_json=True).out)

    assert [r["title"] for r in ranking] == ["Vänortsläger"]
    assert coverage["unserved"]["goal"] == ["kontaktnat"]
