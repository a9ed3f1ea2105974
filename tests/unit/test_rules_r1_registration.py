"""R1: a project is registered against the strategy in force; outside every focus area it is flagged."""

from __future__ import annotations

import pytest

from domain.errors import InvalidInput, RuleViolation
from domain.project import Project
from tests.unit.builders import KALIX, idea, meta, sek


def register(**changes) -> Project:
    values = dict(
        ref="KAL-2026-0001",
        title="Elevutbyte",
        department="buf",
        focus_areas=["utbildning"],
        strategy=KALIX,
        meta=meta(),
        budget=sek("50000"),
    )
    values.update(changes)
    return Project.register(**values)


def test_an_idea_within_the_strategy_records_its_focus_areas_target_groups_goals_and_strategy_version():
    project = register(
        focus_areas=["utbildning", "turism"], target_groups=["skolungdomar"], goals=["kontaktnat"]
    )
    assert project.focus_areas == ["utbildning", "turism"]
    assert project.target_groups == ["skolungdomar"]
    assert project.goals == ["kontaktnat"]
    assert project.strategy_version == 1
    assert project.outside_strategy is False


@pytest.mark.parametrize(
    "changes, wording",
    [
        ({"focus_areas": ["rymdfart"]}, "focus area 'rymdfart'"),
        ({"target_groups": ["pensionarer"]}, "target group 'pensionarer'"),
        ({"goals": ["varldsfred"]}, "goal 'varldsfred'"),
    ],
    ids=["focus area", "target group", "goal"],
)
def test_a_key_unknown_to_the_strategy_in_force_is_refused_under_r1(changes, wording):
    with pytest.raises(RuleViolation, match=r"^R1: ") as refused:
        register(**changes)
    assert refused.value.rule == "R1"
    assert wording in str(refused.value)
    assert "version 1" in str(refused.value)


def test_an_idea_outside_every_focus_area_may_be_registered_and_is_flagged():
    project = idea(outside=True)
    assert project.status == "idea"
    assert project.focus_areas == []
    assert project.outside_strategy is True


def test_a_blank_title_is_invalid_input():
    with pytest.raises(InvalidInput) as refused:
        register(title="   ")
    assert refused.value.field == "title"


def test_a_refusal_names_the_keys_the_strategy_knows_of_that_kind():
    with pytest.raises(RuleViolation) as refused:
        register(target_groups=["skolungdomar"], goals=["varldsfred"])
    assert str(refused.value).endswith("known: kontaktnat")
