"""The strategy is revised by later adoptions; a decision is judged against the version in force
on its meeting date."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from domain.errors import RuleViolation
from domain.strategy import FocusArea, Strategy
from tests.unit.builders import BOARD, COUNCIL, KALIX, OFFICIAL, awaiting, decide, meta, refused, revised

REVISED_ON = date(2026, 3, 1)
V2 = revised(
    KALIX,
    version=2,
    adopted_on=REVISED_ON,
    approval_threshold=Decimal("500000"),
    focus_areas=[*KALIX.focus_areas, FocusArea("kultur", "Kultur", "secondary")],
)


@pytest.fixture
def strategy() -> Strategy:
    strategy = Strategy.adopt(KALIX, meta(KALIX.adopted_on, actor="anna", role="admin"))
    strategy.revise(V2, meta(REVISED_ON, actor="anna", role="admin"))
    return strategy


def test_the_version_in_force_is_the_latest_adopted_on_or_before_the_day(strategy):
    assert strategy.in_force_on(KALIX.adopted_on).version == 1
    assert strategy.in_force_on(REVISED_ON - timedelta(days=1)).version == 1
    assert strategy.in_force_on(REVISED_ON).version == 2
    assert strategy.in_force_on(date(2030, 1, 1)).version == 2


def test_no_strategy_is_in_force_before_the_first_adoption(strategy):
    with pytest.raises(RuleViolation, match=r"^R1: no strategy was in force on 2007-11-25"):
        strategy.in_force_on(date(2007, 11, 25))


def test_a_second_version_adopted_on_the_same_day_is_refused(strategy):
    same_day = revised(KALIX, version=3, adopted_on=REVISED_ON)
    refused(
        strategy, RuleViolation, lambda: strategy.revise(same_day, meta(REVISED_ON)), match="already adopted"
    )
    assert strategy.next_version == 3


def test_the_official_cannot_approve_before_the_revision_because_the_old_threshold_applies(strategy):
    project = awaiting("200000", body=BOARD)
    meeting = REVISED_ON - timedelta(days=1)
    refused(
        project,
        RuleViolation,
        lambda: decide(
            project, "approved", body=OFFICIAL, meeting=meeting, strategy=strategy.in_force_on(meeting)
        ),
        match=r"^R3: .*threshold 100000;",
    )


def test_the_official_may_approve_after_the_revision_and_the_decision_records_version_and_threshold(strategy):
    project = awaiting("200000", body=BOARD)
    meeting = date(2026, 3, 10)
    decision = decide(
        project, "approved", body=OFFICIAL, meeting=meeting, strategy=strategy.in_force_on(meeting)
    )
    assert (decision.strategy_version, decision.threshold) == (2, Decimal("500000"))


def test_a_decision_before_the_revision_records_the_old_version_and_threshold(strategy):
    project = awaiting("200000", body=BOARD)
    meeting = REVISED_ON - timedelta(days=1)
    decision = decide(
        project, "approved", body=COUNCIL, meeting=meeting, strategy=strategy.in_force_on(meeting)
    )
    assert (decision.strategy_version, decision.threshold) == (1, Decimal("100000"))


def test_a_focus_area_added_by_the_revision_is_unknown_to_the_earlier_version(strategy):
    with pytest.raises(
        RuleViolation, match=r"^R1: focus area 'kultur' is not in the strategy in force \(version 1"
    ):
        strategy.in_force_on(date(2026, 2, 1)).check_keys(["kultur"], [], [])
    strategy.in_force_on(REVISED_ON).check_keys(["kultur"], [], [])


def test_the_statement_for_a_year_is_due_on_the_strategys_date_of_the_following_year():
    assert KALIX.statement_due_for(2026) == date(2027, 1, 31)


def test_a_version_that_has_checked_keys_is_stored_and_compared_as_one_that_has_not():
    from dataclasses import replace

    from tests.support import make_app

    mapper = make_app().mapper
    asked, fresh = replace(KALIX), replace(KALIX)
    asked.check_keys(["utbildning"], ["skolungdomar"], [])
    by = meta(KALIX.adopted_on, actor="anna", role="admin")
    adopted = [Strategy.adopt(v, by).collect_events()[0] for v in (asked, fresh)]
    assert asked == fresh and adopted[0] == adopted[1]
    assert mapper.to_stored_event(adopted[0]).state == mapper.to_stored_event(adopted[1]).state
