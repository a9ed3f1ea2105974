"""Input QA found accepted in forms SPEC §5 does not write is refused at the command line with exit 2,
one short `error:` line naming the option or field, and nothing written."""

from __future__ import annotations

import shlex

import pytest

from tests.cli.helpers import STRATEGY_TOML, assert_one_error_line, run, stored_events, write_strategy
from tests.support import ADMIN, approved_project, executing_project, make_app, set_up_kalix

REGISTER = "project register --department buf --title Utbyte"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """Kalix with an approved (KAL-2026-0001) and an executing (KAL-2026-0002) project; shared, since
    every command here must be refused without changing it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('other-forms') / 'udsyn.db'}"
    app = make_app(url)
    set_up_kalix(app)
    assert approved_project(app) == "KAL-2026-0001"
    assert executing_project(app) == "KAL-2026-0002"
    return url


def refused(db: str, command: str, *, says: str, actor: str | None = None) -> str:
    before = stored_events(db)
    result = run(command, db=db, **({"actor": actor} if actor else {}))
    assert result.code == 2, result
    assert_one_error_line(result.err)
    assert says in result.err, result.err
    assert result.out == ""
    assert stored_events(db) == before
    return result.err


@pytest.mark.parametrize("month_day, says", [
    ("02-30", "no year has this day (MM-DD) (got '02-30')"),
    ("04-31", "no year has this day (MM-DD) (got '04-31')"),
    ("02-29", "only in leap years"),
])
def test_a_strategy_whose_statement_due_date_some_year_lacks_exits_2_naming_statement_due(
    db, tmp_path, month_day, says
):
    text = STRATEGY_TOML.replace('statement_due = "01-31"', f'statement_due = "{month_day}"')
    path = write_strategy(tmp_path, text)

    err = refused(db, f"strategy adopt {path} --body kf --date 2025-01-01", actor=ADMIN, says=says)

    assert err.startswith("error: statement_due: ")


def test_a_focus_area_key_twice_in_the_strategy_file_exits_2_naming_the_field(db, tmp_path):
    again = '\n[[focus_areas]]\nkey = "turism"\nname = "Turism igen"\npriority = "primary"\n'
    path = write_strategy(tmp_path, STRATEGY_TOML + again)

    err = refused(db, f"strategy adopt {path} --body kf --date 2025-01-01", actor=ADMIN,
                  says="key 'turism' appears twice")

    assert err.startswith("error: focus_areas: ")


@pytest.mark.parametrize("options, option, key", [
    ("--focus-area utbildning --focus-area utbildning", "focus-area", "utbildning"),
    ("--focus-area utbildning --target-group skolungdomar --target-group skolungdomar", "target-group",
     "skolungdomar"),
    ("--focus-area utbildning --goal kontaktnat --goal kontaktnat", "goal", "kontaktnat"),
])
def test_a_key_repeated_in_a_repeatable_option_exits_2_naming_the_option_and_the_key(
    db, options, option, key
):
    err = refused(db, f"{REGISTER} {options}", says=f"'{key}' is given more than once")

    assert err.startswith(f"error: {option}: ")


@pytest.mark.parametrize("command, field", [
    (f"{REGISTER} --focus-area utbildning --budget 1e3", "budget"),
    (f"{REGISTER} --focus-area utbildning --budget 1_000", "budget"),
    ("project fund KAL-2026-0001 --own-contribution 1E4", "own-contribution"),
    ("project fund KAL-2026-0001 --own-contribution 1_000", "own-contribution"),
    ("project fund KAL-2026-0001 --own-contribution ١٢٣", "own-contribution"),
    ("project spend KAL-2026-0002 --category resor --amount +12", "amount"),
    ("project measure KAL-2026-0002 elever --value 1e1", "value"),
])
def test_an_amount_or_number_in_another_notation_exits_2_naming_it(db, command, field):
    err = refused(db, command, says="ASCII digits")

    assert err.startswith(f"error: {field}: ")


@pytest.mark.parametrize("option", ["--date 20260302", "--date 2026-W10-1", "--date 2026-3-2"])
def test_a_date_not_written_yyyy_mm_dd_exits_2(db, option):
    refused(db, f"project spend KAL-2026-0002 --category resor --amount 10 {option}", says="YYYY-MM-DD")


def test_a_meeting_date_not_written_yyyy_mm_dd_exits_2(db):
    refused(db, "project decide KAL-2026-0001 --body bun --outcome approved --meeting-date 20260115 --item 7",
            says="YYYY-MM-DD")


def test_a_refused_hundred_thousand_character_title_gives_a_short_error_line(db):
    title = "x" * 100_000

    err = refused(db, f"{REGISTER} --focus-area utbildning --title {title}", says="title")

    assert len(err) < 300


def test_a_refused_hundred_thousand_character_date_gives_a_short_error_line(db):
    err = refused(db, f"project spend KAL-2026-0002 --category resor --amount 10 --date {'9' * 100_000}",
                  says="YYYY-MM-DD")

    assert len(err) < 300


@pytest.mark.parametrize("title", ["Line1\nLine2", "\x1b[31mRED"])
def test_a_title_with_a_control_character_exits_2_naming_the_title(db, title):
    command = f"project register --department buf --focus-area utbildning --title {shlex.quote(title)}"

    err = refused(db, command, says="control character")

    assert err.startswith("error: title: ")
    assert "\x1b" not in err


@pytest.mark.parametrize("written", ["1_000", "١٢٣", "1e3", "12.0"])
@pytest.mark.parametrize("command", [
    "project register --title T --department buf --focus-area utbildning --jobs {}",
    "report annual --year {}",
    "audit check --year {}",
    "project show KAL-2026-0001 --version {}",
])
def test_a_whole_number_in_another_form_is_invalid_input(command, written, tmp_path):
    result = run(command.format(written), db=f"sqlite:///{tmp_path / 'unused.db'}")

    assert result.code == 2
    assert "is not a whole number (ASCII digits)" in result.err


def test_a_reason_with_a_terminal_escape_is_invalid_input_and_lines_are_kept(tmp_path):
    db = f"sqlite:///{tmp_path / 'unused.db'}"
    escaped = run("project explore KAL-2026-0001 --reason '\x1b[31mred'", db=db)

    assert escaped.code == 2
    assert "control character U+001B is not allowed in text" in escaped.err
