"""The application judges a decision by the strategy version in force on its meeting date, and a
registration by the version in force on its date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.errors import RuleViolation
from tests.application.refusals import refused
from tests.support import ADMIN, STRATEGY, ctx, register

REVISED_ON = date(2026, 3, 1)
REVISION = {
    **STRATEGY,
    "approval_threshold": "500000",
    "focus_areas": [*STRATEGY["focus_areas"], {"key": "kultur", "name": "Kultur", "priority": "secondary"}],
}


def revise(app):
    return app.adopt_strategy(ctx(ADMIN), REVISION, body="kf", date=REVISED_ON)


def awaiting(app, budget="200000"):
    ref = register(app, budget=budget)
    app.explore(ctx(), ref)
    app.submit(ctx(), ref, body="bun")
    return ref


def test_a_revision_is_adopted_as_the_next_version(kalix):
    assert revise(kalix)["version"] == 2
    assert kalix.strategy_on(date(2026, 2, 28)).version == 1
    assert kalix.strategy_on(REVISED_ON).approval_threshold == Decimal("500000")


def test_a_decision_dated_before_the_revision_is_judged_by_the_old_threshold(kalix):
    ref = awaiting(kalix)
    revise(kalix)
    refused(
        kalix,
        RuleViolation,
        kalix.decide,
        ctx(),
        ref,
        body="kommunchef",
        outcome="approved",
        meeting_date=date(2026, 2, 20),
        item="§ 3",
        match=r"^R3: .*threshold 100000;",
    )
    result = kalix.decide(
        ctx(), ref, body="ksau", outcome="approved", meeting_date=date(2026, 2, 20), item="§ 3"
    )
    decision = kalix.load_project(ref).decisions[result["decision"] - 1]
    assert (decision.strategy_version, decision.threshold) == (1, Decimal("100000"))


def test_a_decision_dated_after_the_revision_is_judged_by_the_new_threshold(kalix):
    ref = awaiting(kalix)
    revise(kalix)
    kalix.decide(
        ctx(), ref, body="kommunchef", outcome="approved", meeting_date=date(2026, 3, 10), item="§ 3"
    )
    decision = kalix.load_project(ref).decisions[-1]
    assert (decision.strategy_version, decision.threshold, decision.body_kind) == (
        2,
        Decimal("500000"),
        "official",
    )


def test_a_focus_area_of_the_revision_is_refused_for_a_registration_dated_before_it(kalix):
    revise(kalix)
    refused(
        kalix,
        RuleViolation,
        kalix.register_project,
        ctx(on=date(2026, 2, 1)),
        title="Kulturutbyte",
        department="buf",
        focus_area=["kultur"],
        match=r"^R1: focus area 'kultur'",
    )
    ref = kalix.register_project(
        ctx(on=REVISED_ON), title="Kulturutbyte", department="buf", focus_area=["kultur"]
    )["ref"]
    assert kalix.load_project(ref).strategy_version == 2


def test_two_adoptions_on_the_same_day_are_refused(kalix):
    revise(kalix)
    refused(kalix, RuleViolation, revise, kalix, match="already adopted on 2026-03-01")
