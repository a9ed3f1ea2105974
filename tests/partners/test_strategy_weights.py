"""R11 weights in the strategy file's [ranking]: negative, unparsable or unknown → exit 2 naming the
key, and nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidInput
from tests.cli.helpers import STRATEGY_TOML, assert_one_error_line, run, stored_events, write_strategy
from tests.support import ADMIN, STRATEGY, ctx, make_app, set_up_kalix, stored_event_count


@pytest.mark.parametrize("ranking, says", [
    ({"primary": "-1"}, r"^ranking\.primary: .*greater than or equal to 0"),
    ({"primary": "tre"}, r"^ranking\.primary: .*decimal"),
    ({"goal": "NaN"}, r"^ranking\.goal: "),
    ({"primray": "2"}, r"^ranking: .*unknown ranking factor 'primray'"),
])
def test_bad_weights_are_invalid_naming_the_key_and_nothing_is_written(kalix, ranking, says):
    before = stored_event_count(kalix)

    with pytest.raises(InvalidInput, match=says):
        kalix.adopt_strategy(ctx(ADMIN), {**STRATEGY, "ranking": ranking}, body="kf", date=date(2025, 1, 1))
    assert stored_event_count(kalix) == before


def test_good_weights_are_kept_with_the_strategy_version(kalix):
    kalix.adopt_strategy(ctx(ADMIN), {**STRATEGY, "ranking": {"primary": 5, "effects": "2.5"}}, body="kf",
                         date=date(2025, 1, 1))

    assert kalix.strategy().versions[-1].ranking == {"primary": 5, "effects": 2.5}


@pytest.mark.parametrize("weights, says", [
    ('primary = "-1"', "error: ranking.primary: "),
    ('primary = "a lot"', "error: ranking.primary: "),
    ("primary = -2", "error: ranking.primary: "),
    ('bogus = "1"', "error: ranking: "),
])
def test_the_cli_refuses_a_strategy_file_with_bad_weights_with_exit_2(sqlite_url, tmp_path, weights, says):
    set_up_kalix(make_app(sqlite_url))
    path = write_strategy(tmp_path, f"{STRATEGY_TOML}\n[ranking]\n{weights}\n")
    before = stored_events(sqlite_url)

    result = run(f"strategy adopt {path} --body kf --date 2025-01-01", db=sqlite_url, actor=ADMIN)

    assert result.code == 2, result
    assert_one_error_line(result.err)
    assert result.err.startswith(says)
    assert stored_events(sqlite_url) == before
