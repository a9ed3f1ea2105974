"""`udsyn audit verify` and `audit seal` through the CLI: exit codes, output, nothing written."""
from __future__ import annotations

import json
import re

import pytest

from tests.audit.raw import RawStore
from tests.cli.helpers import assert_one_error_line, run
from tests.support import ADMIN, AUDITOR, OFFICER, REPORTER, executing_project, make_app, set_up_kalix

SEAL = re.compile(r"^(\d+):([0-9a-f]{64})$")


@pytest.fixture
def db(db_url) -> str:
    app = make_app(db_url)
    set_up_kalix(app)
    executing_project(app)
    return db_url


def test_a_clean_store_exits_0_and_prints_the_head(db):
    result = run("audit verify", db=db, actor=AUDITOR)

    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("clean: ")
    assert SEAL.match(result.out.splitlines()[-1].removeprefix("head "))


def test_verify_names_the_first_altered_position_and_exits_1(db):
    raw = RawStore(db)
    target = raw.positions()[6]
    raw.alter_one_byte(target)

    result = run("audit verify", db=db, actor=AUDITOR)
    as_json = json.loads(run("audit verify", db=db, actor=AUDITOR, as_json=True).out)

    assert result.code == 1
    assert_one_error_line(result.err)
    assert f"position {target}: " in result.err and "altered" in result.err
    assert as_json["clean"] is False
    assert as_json["findings"][0]["position"] == target


def test_the_auditor_seals_the_head_and_verify_checks_against_it(db):
    sealed = run("audit seal", db=db, actor=AUDITOR)
    head = SEAL.match(sealed.out.strip())

    verified = run(f"audit verify --seal {sealed.out.strip()}", db=db, actor=AUDITOR)

    assert (sealed.code, sealed.err) == (0, "") and head
    assert verified.code == 0, verified
    assert verified.out.splitlines()[-1] == f"head {sealed.out.strip()}"


def test_a_seal_that_does_not_match_the_store_exits_1(db):
    position = RawStore(db).positions()[3]

    result = run(f"audit verify --seal {position}:{'ab' * 32}", db=db, actor=AUDITOR)

    assert result.code == 1
    assert f"position {position}: the chain differs from the seal given" in result.err


@pytest.mark.parametrize("seal", ["12", "12:xyz", "abc:" + "0" * 64, "12:" + "0" * 63])
def test_a_malformed_seal_exits_2_naming_it(db, seal):
    result = run(f"audit verify --seal {seal}", db=db, actor=AUDITOR)

    assert result.code == 2
    assert_one_error_line(result.err)
    assert "seal" in result.err


@pytest.mark.parametrize("actor", [OFFICER, REPORTER])
def test_only_an_auditor_or_an_admin_seals(db, actor):
    result = run("audit seal", db=db, actor=actor)

    assert result.code == 3
    assert_one_error_line(result.err, "error: R9")
    assert make_app(db).recorder.seals() == []


def test_a_tampered_store_is_not_sealed(db):
    RawStore(db).alter_one_byte(RawStore(db).positions()[2])

    result = run("audit seal", db=db, actor=ADMIN)

    assert result.code == 1
    assert "nothing sealed" in result.err
    assert make_app(db).recorder.seals() == []


def test_an_unknown_actor_may_not_verify(db):
    assert run("audit verify", db=db, actor="mallory").code == 3


def test_verify_still_locates_damage_that_makes_the_organisation_unreadable(db):
    raw = RawStore(db)
    first = raw.positions()[0]
    raw.sql("UPDATE {events} SET state = %s WHERE {pos} = %s", (b"{not json", first))

    result = run("audit verify", db=db, actor=AUDITOR)

    assert result.code == 1
    assert f"position {first}: " in result.err and "altered" in result.err
