"""--json: state-changing commands print {"id", "ref", "version"} where they apply; reads print valid JSON."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import run, stored_events, write_strategy
from tests.support import ADMIN, AUDITOR, OFFICER, REPORTER, executing_project, make_app, set_up_kalix


def as_json(db: str, command: str, actor: str = OFFICER):
    result = run(command, db=db, actor=actor, as_json=True)
    assert (result.code, result.err) == (0, ""), result
    return json.loads(result.out)


@pytest.fixture
def executing(sqlite_url) -> str:
    app = make_app(sqlite_url)
    set_up_kalix(app)
    return executing_project(app)


def test_setting_up_a_municipality_prints_ids_and_versions(sqlite_url, tmp_path):
    db, strategy_file = sqlite_url, write_strategy(tmp_path)

    init = as_json(
        db, "init --municipality Kalix --code KAL --country SE --currency SEK --language sv", ADMIN
    )
    body = as_json(db, "org add-body ksau --name 'Kommunstyrelsens arbetsutskott' --kind committee", ADMIN)
    as_json(db, "org add-body bun --name 'Barn- och utbildningsnämnden' --kind board", ADMIN)
    as_json(db, "org add-department buf --name 'Barn- och utbildningsförvaltningen' --board bun", ADMIN)
    user = as_json(db, f"org add-user {OFFICER} --role officer --department buf", ADMIN)
    strategy = as_json(db, f"strategy adopt {strategy_file} --body ksau --date 2007-11-26", ADMIN)

    assert (init["code"], init["admin"], init["version"]) == ("KAL", ADMIN, 1)
    assert (body["id"], body["version"]) == (init["id"], 2)
    assert (user["id"], user["version"]) == (init["id"], 5)
    assert {"id", "version"} <= strategy.keys() and strategy["version"] == 1
    assert stored_events(db) == 6


def test_registering_and_spending_print_id_ref_and_version(sqlite_url, executing):
    db = sqlite_url

    registered = as_json(db, "project register --title Vänortsbesök --department buf --focus-area utbildning")
    spent = as_json(db, f"project spend {executing} --amount 1200.50 --category travel")

    assert (registered["ref"], registered["version"]) == ("KAL-2026-0002", 1)
    assert registered["id"] == str(make_app(db).resolve_ref("KAL-2026-0002"))
    assert (spent["ref"], spent["version"], spent["spent"]) == (executing, 8, "1200.50")
    assert spent["id"] == str(make_app(db).resolve_ref(executing))


def test_show_list_and_history_print_valid_json(sqlite_url, executing):
    db = sqlite_url

    shown = as_json(db, f"project show {executing}", AUDITOR)
    as_json(db, "projections run", REPORTER)
    listed = as_json(db, "project list", AUDITOR)
    history = as_json(db, f"project history {executing}", AUDITOR)

    assert (shown["ref"], shown["status"], shown["version"]) == (executing, "executing", 7)
    assert (shown["ceiling"], shown["decisions"][0]["body"]) == ("50000.00", "bun")
    assert [(p["ref"], p["status"]) for p in listed["projects"]] == [(executing, "executing")]
    assert listed["stale"] is False and listed["position"] == listed["head"]
    assert [e["event"] for e in history] == [
        "Registered",
        "ExplorationStarted",
        "SubmittedForDecision",
        "DecisionRecorded",
        "OwnContributionCommitted",
        "IndicatorDefined",
        "ExecutionStarted",
    ]
    assert [e["version"] for e in history] == list(range(1, 8))
    assert (history[0]["actor"], history[0]["effective_date"]) == (OFFICER, "2026-01-05")


def test_the_same_command_id_twice_records_one_expenditure(sqlite_url, executing):
    db, spend = sqlite_url, f"project spend {executing} --amount 900 --category venue --command-id kv-17"
    first = as_json(db, spend)
    events = stored_events(db)

    again = as_json(db, spend)

    assert again == {**first, "replayed": True}
    assert stored_events(db) == events
    assert as_json(db, f"project show {executing}")["spent"] == "900.00"
