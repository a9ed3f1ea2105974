"""`udsyn demo`: the Kalix and Holbæk demos build through the use cases, with a case in every
state, and never overwrite a database that already holds data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli, main
from domain.errors import RuleViolation
from domain.project import STATUSES
from tests.support import make_app, stored_event_count

ROOT = Path(__file__).resolve().parents[2]


def demo(url: str, *args: str):
    return CliRunner().invoke(cli, ["--db", url, "--actor", "anna", "demo", *args])


def projects(url: str):
    return make_app(url).list_projects("anna")


@pytest.mark.parametrize("municipality", ["kalix", "holbaek"])
def test_the_demo_holds_a_case_in_every_lifecycle_state(sqlite_url, municipality):
    result = demo(sqlite_url, "--municipality", municipality, "--replace")

    assert result.exit_code == 0, result.output
    assert {p.status for p in projects(sqlite_url)} == set(STATUSES)


def test_the_kalix_demo_has_pielavesi_furuhedsskolan_and_the_chamber_of_commerce(sqlite_url):
    demo(sqlite_url, "--replace")

    by_title = {p.title: p for p in projects(sqlite_url)}
    pielavesi = next(p for t, p in by_title.items() if "Pielavesi 2024" in t)
    furuhedsskolan = next(p for t, p in by_title.items() if "Furuhedsskolan" in t)
    chamber = next(p for t, p in by_title.items() if "Handelskammaren" in t)
    assert pielavesi.partners == ["pielavesi"] and pielavesi.status == "executing"
    assert furuhedsskolan.applications["A1"].granted.currency == "EUR"
    assert all(o.fulfilled_on for o in furuhedsskolan.obligations.values())
    assert 0 < chamber.received_total < chamber.granted_total


def test_the_kalix_demo_keeps_every_rule_of_the_policy(sqlite_url):
    demo(sqlite_url, "--replace")

    started = [p for p in projects(sqlite_url) if p.started_on]
    assert started
    for p in started:
        assert all(d.body_kind != "official" for d in p.decisions if d.purpose == "approval")  # threshold 0
        assert p.started_on > p.appeal_ends  # 21 days
        assert p.own_contribution.reporting + p.granted_total >= p.ceiling  # R4
        assert p.indicators  # R6
    outside = [p for p in projects(sqlite_url) if p.outside_strategy]
    assert outside and all(p.has_mandate for p in outside)  # R2


def test_the_holbaek_demo_decides_small_projects_administratively_and_large_ones_politically(sqlite_url):
    demo(sqlite_url, "--municipality", "holbaek", "--replace")

    approvals = [d for p in projects(sqlite_url) for d in p.decisions if d.purpose == "approval"]
    assert {d.body for d in approvals if d.ceiling and d.ceiling <= d.threshold} == {"direktionen"}
    assert {d.body for d in approvals if d.ceiling and d.ceiling > d.threshold} == {"vaekstudvalget"}


def test_a_second_run_without_replace_is_refused_and_writes_nothing(sqlite_url):
    demo(sqlite_url, "--replace")
    before = stored_event_count(make_app(sqlite_url))

    result = demo(sqlite_url, "--municipality", "holbaek")

    assert result.exit_code == 1
    assert isinstance(result.exception, RuleViolation)
    assert stored_event_count(make_app(sqlite_url)) == before


def test_the_refusal_is_one_error_line_and_exit_code_1(sqlite_url, capsys):
    demo(sqlite_url, "--replace")
    capsys.readouterr()

    with pytest.raises(SystemExit) as exit_:
        main(["--db", sqlite_url, "--actor", "anna", "demo"])

    assert exit_.value.code == 1
    assert capsys.readouterr().err == "error: this database is not empty; pass --replace to start afresh\n"


def test_replace_rebuilds_the_same_history(sqlite_url):
    demo(sqlite_url, "--replace")
    first = stored_event_count(make_app(sqlite_url))

    result = demo(sqlite_url, "--replace")

    assert result.exit_code == 0, result.output
    assert stored_event_count(make_app(sqlite_url)) == first


def test_json_output_lists_the_projects_and_the_event_count(sqlite_url):
    result = CliRunner().invoke(cli, ["--db", sqlite_url, "--actor", "anna", "--json", "demo", "--replace"])

    data = json.loads(result.output)
    assert data["municipality"] == "Kalix kommun"
    assert data["events"] == stored_event_count(make_app(sqlite_url))
    assert {p["status"] for p in data["projects"]} == set(STATUSES)
    shown = {"ref", "status", "department", "title", "spent", "ceiling", "external_share"}
    assert shown <= set(data["projects"][0])


def test_the_demo_user_named_like_the_admin_stays_admin(sqlite_url):
    result = CliRunner().invoke(cli, ["--db", sqlite_url, "--actor", "lena", "demo", "--replace"])

    assert result.exit_code == 0, result.output
    assert make_app(sqlite_url).organisation().user("lena").role == "admin"


@pytest.mark.parametrize("name", ["kalix-strategy.toml", "holbaek-strategy.toml"])
def test_the_packaged_strategy_files_are_the_examples(name):
    assert (ROOT / "cli" / "demo_data" / name).read_bytes() == (ROOT / "examples" / name).read_bytes()


@pytest.mark.postgres
def test_the_demo_builds_on_postgres_and_replace_never_empties_it(postgres_url):
    assert demo(postgres_url).exit_code == 0
    before = stored_event_count(make_app(postgres_url))

    result = demo(postgres_url, "--replace")

    assert result.exit_code == 1
    assert "--replace deletes only a SQLite file" in str(result.exception)
    assert stored_event_count(make_app(postgres_url)) == before
