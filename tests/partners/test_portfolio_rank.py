"""R11 through the application: which projects are ranked, weights from the strategy in force,
expected external funding from applications, flags, and explanations that sum to the score."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import InvalidInput
from tests.partners.conftest import add_network
from tests.support import ADMIN, AUDITOR, STRATEGY, approved_project, ctx, make_app, register, set_up_kalix


def ranked_refs(app, **kw):
    return [r.candidate.ref for r in app.rank_portfolio(AUDITOR, **kw).ranked]


def test_ideas_and_explorations_are_ranked_by_default_and_other_states_on_request(kalix):
    idea = register(kalix)
    explored = register(kalix, focus_area=["turism"])
    kalix.explore(ctx(), explored)
    approved = approved_project(kalix)

    assert sorted(ranked_refs(kalix)) == sorted([idea, explored])
    assert ranked_refs(kalix, statuses=["approved"]) == [approved]


def test_an_unknown_status_is_invalid_and_named(kalix):
    with pytest.raises(InvalidInput, match="^status: 'ideas' is not one of"):
        kalix.rank_portfolio(AUDITOR, ["ideas"])


def test_a_primary_focus_area_ranks_above_a_secondary_one_other_things_equal(kalix):
    secondary = register(kalix, focus_area=["turism"])
    primary = register(kalix, focus_area=["utbildning"])

    assert ranked_refs(kalix) == [primary, secondary]


def test_weights_come_from_the_strategy_file_in_force(kalix):
    register(kalix)
    kalix.adopt_strategy(ctx(ADMIN), {**STRATEGY, "ranking": {"primary": "10", "partners": "0"}}, body="kf",
                         date=date(2025, 1, 1))

    result = kalix.rank_portfolio(AUDITOR)

    assert result.strategy.version == 2
    assert result.weights["primary"] == 10 and result.weights["partners"] == 0
    primary = next(x for x in result.ranked[0].explanation if x.factor == "primary")
    assert (primary.points, primary.weight, primary.contribution) == (1, 10, 10)


def test_expected_external_funding_counts_pending_and_granted_applications_but_not_rejected(kalix):
    ref = register(kalix, budget="100000")
    kalix.explore(ctx(), ref)
    kalix.apply_for_funding(ctx(), ref, programme="Erasmus+", amount="20000")
    kalix.apply_for_funding(ctx(), ref, programme="Nordplus", amount="40000")
    kalix.reject_funding(ctx(), ref, application="A2")

    [ranked] = kalix.rank_portfolio(AUDITOR).ranked
    funding = next(x for x in ranked.explanation if x.factor == "external_funding")

    assert ranked.candidate.external_expected == Decimal(20000)
    assert (funding.raw, funding.points) == ("20% of the budget; target 50%", Decimal("0.4"))


def test_a_partner_suspended_after_registration_earns_nothing_and_is_flagged(kalix):
    ref = register(kalix, partner=["pielavesi"])
    kalix.set_partner_status(ctx(ADMIN, reason="Kommunsammanslagning"), key="pielavesi", status="suspended")

    [ranked] = kalix.rank_portfolio(AUDITOR).ranked

    assert ranked.candidate.ref == ref
    assert next(x for x in ranked.explanation if x.factor == "partners").points == 0
    assert "R10: partner no longer open: pielavesi" in ranked.flags


def test_an_idea_outside_every_focus_area_is_ranked_and_flagged(kalix):
    outside = register(kalix, focus_area=[], outside_strategy=True)

    [ranked] = kalix.rank_portfolio(AUDITOR).ranked

    assert ranked.candidate.ref == outside
    assert ranked.flags[0].startswith("R1: outside every focus area")


def test_every_explanation_sums_to_its_score(kalix):
    register(kalix, partner=["pielavesi", "lenvik"], target_group=["skolungdomar"], goal=["kontaktnat"], jobs=3,
             citizens=120, competence=7)
    register(kalix, focus_area=["turism", "naringsliv"], budget=None)

    for r in kalix.rank_portfolio(AUDITOR).ranked:
        assert sum(x.contribution for x in r.explanation) == r.score > 0


focus = st.lists(st.sampled_from(["utbildning", "naringsliv", "turism"]), unique=True, max_size=3)


@settings(max_examples=25, deadline=None)
@given(areas=focus, primary=st.sampled_from(["utbildning", "naringsliv"]),
       groups=st.lists(st.sampled_from(["skolungdomar", "foretag"]), unique=True),
       partners=st.lists(st.sampled_from(["pielavesi", "lenvik", "handelskammaren"]), unique=True, max_size=2),
       budget=st.none() | st.sampled_from(["0", "1000", "250000"]), jobs=st.integers(0, 50))
def test_adding_a_primary_focus_area_never_lowers_a_registered_ideas_score(
    areas, primary, groups, partners, budget, jobs
):
    if primary in areas:
        return
    kalix = make_app()
    set_up_kalix(kalix)
    add_network(kalix)
    shared = dict(target_group=groups, partner=partners, budget=budget, jobs=jobs)
    before = register(kalix, focus_area=areas, outside_strategy=not areas, **shared)
    after = register(kalix, focus_area=[*areas, primary], **shared)

    scores = {r.candidate.ref: r.score for r in kalix.rank_portfolio(AUDITOR).ranked}

    assert scores[after] >= scores[before]
