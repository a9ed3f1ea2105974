"""R11 in the domain: each rank factor on its own, weights over the defaults, and an explanation
that sums to the score. Includes the property: adding a primary focus area never lowers a score."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain import ranking
from domain.ranking import Candidate
from domain.records import ExpectedEffects
from domain.strategy import FocusArea, StrategyVersion, Term

STRATEGY = StrategyVersion(
    version=1, adopted_on=date(2007, 11, 26), body="kf", title="Policy", vision="", approval_threshold=Decimal(0),
    approval_body="ksau", external_funding_target=Decimal("0.50"), appeal_window_days=21, statement_due="01-31",
    focus_areas=[FocusArea("kontaktnat", "Kontaktnät", "primary"), FocusArea("utbildning", "Utbildning", "primary"),
                 FocusArea("naringsliv", "Näringsliv", "primary"), FocusArea("turism", "Turism", "secondary"),
                 FocusArea("rekrytering", "Rekrytering", "secondary")],
    target_groups=[Term("skolungdomar", "Skolungdomar"), Term("medarbetare", "Medarbetare"),
                   Term("politiker", "Politiker"), Term("naringsliv", "Näringsliv")],
    goals=[Term("kontaktnat", "Kontaktnät"), Term("erfarenhet", "Erfarenhet"), Term("anseende", "Anseende"),
           Term("aktor", "Aktör")],
)
WEIGHTS = ranking.weights_from({})


def idea(**overrides) -> Candidate:
    values = dict(ref="KAL-2026-0001", title="Idé", status="idea", focus_areas=["utbildning"],
                  outside_strategy=False)
    values.update(overrides)
    return Candidate(**values)


def line(c: Candidate, factor: str, weights=WEIGHTS) -> ranking.Contribution:
    return next(x for x in ranking.explain(c, STRATEGY, weights) if x.factor == factor)


def test_every_factor_has_a_default_weight_and_the_defaults_favour_primary_focus_areas():
    assert tuple(f.key for f in ranking.FACTORS) == ranking.FACTOR_KEYS
    assert WEIGHTS["primary"] > WEIGHTS["secondary"]


def test_weights_from_the_strategy_override_the_defaults_and_ignore_retired_keys():
    weights = ranking.weights_from({"primary": Decimal(5), "retired": Decimal(9)})

    assert weights["primary"] == 5 and weights["goal"] == ranking.DEFAULT_WEIGHTS["goal"]
    assert "retired" not in weights


def test_primary_and_secondary_focus_areas_count_separately_up_to_two_each():
    c = idea(focus_areas=["kontaktnat", "utbildning", "naringsliv", "turism"])

    assert (line(c, "primary").points, line(c, "primary").raw) == (
        2, "3 (kontaktnat, utbildning, naringsliv) (at most 2 count)")
    assert line(c, "secondary").points == 1


def test_target_groups_and_goals_count_only_when_the_strategy_knows_them():
    c = idea(target_groups=["skolungdomar", "pensionarer"], goals=["kontaktnat", "erfarenhet"])

    assert line(c, "target_group").points == 1
    assert line(c, "goal").points == 2


def test_expected_effects_grow_with_each_effect_and_stay_below_one_point_each():
    small = line(idea(effects=ExpectedEffects(jobs=10)), "effects")
    large = line(idea(effects=ExpectedEffects(jobs=10_000, citizens=10**6, competence=10_000)), "effects")

    assert small.points == Decimal("0.5000") and small.raw == "10 jobs, 0 citizens, 0 competence"
    assert Decimal("2.99") < large.points < 3


@pytest.mark.parametrize("budget, expected, points, raw", [
    (Decimal(100000), Decimal(50000), Decimal(1), "50% of the budget; target 50%"),
    (Decimal(100000), Decimal(25000), Decimal("0.5"), "25% of the budget; target 50%"),
    (Decimal(100000), Decimal(90000), Decimal(1), "90% of the budget; target 50%"),
    (None, Decimal(0), Decimal(0), "no budget: share unknown"),
])
def test_external_funding_is_weighed_against_the_r5_target(budget, expected, points, raw):
    c = line(idea(budget=budget, external_expected=expected), "external_funding")

    assert (c.points, c.raw) == (points, raw)


def test_partners_in_good_standing_count_and_suspended_ones_do_not():
    c = idea(partner_statuses={"pielavesi": "active", "alta": "dormant", "kirovsk": "suspended"})

    assert line(c, "partners").points == Decimal("1.5")
    assert "R10: partner no longer open: kirovsk" in ranking.flags(c)


def test_an_idea_outside_every_focus_area_is_ranked_and_flagged_not_hidden():
    outside = idea(ref="KAL-2026-0002", focus_areas=[], outside_strategy=True, budget=Decimal(1000))
    inside = idea(budget=Decimal(1000))

    ranked = ranking.rank([outside, inside], STRATEGY, WEIGHTS)

    assert [r.candidate.ref for r in ranked] == ["KAL-2026-0001", "KAL-2026-0002"]
    assert ranked[1].flags == ["R1: outside every focus area; exploring it needs a mandate (R2)"]


def test_equal_scores_share_a_rank_and_are_ordered_by_reference():
    ranked = ranking.rank([idea(ref="B"), idea(ref="A"), idea(ref="C", focus_areas=[])], STRATEGY, WEIGHTS)

    assert [(r.rank, r.candidate.ref) for r in ranked] == [(1, "A"), (1, "B"), (3, "C")]


def test_a_weight_of_zero_switches_a_factor_off():
    weights = {**WEIGHTS, "primary": Decimal(0)}

    assert ranking.score(idea(), STRATEGY, weights) == ranking.score(idea(focus_areas=[]), STRATEGY, weights)


focus_keys = st.lists(st.sampled_from([f.key for f in STRATEGY.focus_areas]), unique=True, max_size=5)
candidates = st.builds(
    Candidate,
    ref=st.just("KAL-2026-0001"), title=st.just("Idé"), status=st.sampled_from(["idea", "exploration"]),
    focus_areas=focus_keys,
    outside_strategy=st.booleans(),
    target_groups=st.lists(st.sampled_from(["skolungdomar", "medarbetare", "politiker", "okand"]), unique=True),
    goals=st.lists(st.sampled_from(["kontaktnat", "erfarenhet", "anseende", "aktor", "okand"]), unique=True),
    effects=st.builds(ExpectedEffects, jobs=st.integers(0, 10**6), citizens=st.integers(0, 10**7),
                      competence=st.integers(0, 10**6)),
    budget=st.none() | st.decimals(min_value=0, max_value=10**9, places=2),
    external_expected=st.decimals(min_value=0, max_value=10**9, places=2),
    partner_statuses=st.dictionaries(st.sampled_from(["a", "b", "c"]),
                                     st.sampled_from(["active", "dormant", "suspended", "ended", "unknown"])),
)
weights = st.fixed_dictionaries(
    {k: st.decimals(min_value=0, max_value=100, places=2) for k in ranking.FACTOR_KEYS}
)


@settings(max_examples=300, deadline=None)
@given(c=candidates, w=weights, primary=st.sampled_from(["kontaktnat", "utbildning", "naringsliv"]))
def test_adding_a_primary_focus_area_to_an_idea_never_lowers_its_score(c, w, primary):
    if primary in c.focus_areas:
        return
    more = Candidate(**{**vars(c), "focus_areas": [*c.focus_areas, primary], "outside_strategy": False})

    assert ranking.score(more, STRATEGY, w) >= ranking.score(c, STRATEGY, w)


@settings(max_examples=300, deadline=None)
@given(c=candidates, w=weights)
def test_the_explanation_sums_to_the_score_and_no_factor_subtracts(c, w):
    [ranked] = ranking.rank([c], STRATEGY, w)

    assert sum(x.contribution for x in ranked.explanation) == ranked.score
    assert [x.factor for x in ranked.explanation] == list(ranking.FACTOR_KEYS)
    assert all(x.contribution == x.points * x.weight >= 0 for x in ranked.explanation)
