"""`udsyn portfolio rank` end to end on SQLite: text a committee reads, JSON whose explanation adds
up to the score, and exit 2 for an unknown status."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.cli.helpers import assert_one_error_line, run
from tests.partners.conftest import add_network
from tests.support import AUDITOR, make_app, register, set_up_kalix


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('rank') / 'udsyn.db'}"
    app = make_app(url)
    set_up_kalix(app)
    add_network(app)
    register(app, title="Vänortsläger", partner=["pielavesi"], target_group=["skolungdomar"], citizens=40)
    register(app, title="Turistmässa", focus_area=["turism"], budget=None)
    register(app, title="Klimatutbyte", focus_area=[], outside_strategy=True)
    return url


def test_the_ranking_explains_each_score_in_json(db):
    result = run("portfolio rank", db=db, actor=AUDITOR, as_json=True)

    assert result.code == 0, result
    data = json.loads(result.out)
    assert [r["title"] for r in data["ranking"]] == ["Vänortsläger", "Turistmässa", "Klimatutbyte"]
    assert data["weights"]["primary"] == "3"
    for r in data["ranking"]:
        assert sum(Decimal(x["contribution"]) for x in r["explanation"]) == Decimal(r["score"])
        assert {x["factor"] for x in r["explanation"]} == set(data["weights"])
    assert data["ranking"][2]["flags"][0].startswith("R1: outside every focus area")


def test_the_ranking_reads_as_text(db):
    result = run("portfolio rank", db=db, actor=AUDITOR)

    assert result.code == 0
    first = result.out.splitlines()[3]
    assert first.startswith("  1. KAL-2026-0001") and first.endswith("Vänortsläger")
    assert "partners" in result.out and "pielavesi active" in result.out
    assert "! R1: outside every focus area" in result.out


def test_an_unknown_status_exits_2_naming_it(db):
    result = run("portfolio rank --status idea,ideas", db=db, actor=AUDITOR)

    assert result.code == 2
    assert_one_error_line(result.err)
    assert result.err.startswith("error: status: 'ideas'")
