"""Every refused command, whichever rule or check refuses it, writes nothing to the event store."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import (
    DuplicateCommand,
    InvalidInput,
    InvalidTransition,
    NotFound,
    NotPermitted,
    RuleViolation,
)
from tests.application.refusals import refused
from tests.support import (
    ADMIN,
    AUDITOR,
    OTHER_OFFICER,
    REPORTER,
    approved_project,
    ctx,
    executing_project,
    register,
)

MEETING = date(2026, 1, 15)
IN_WINDOW = date(2026, 2, 5)
AFTER = date(2026, 2, 10)
LATER = date(2026, 3, 2)


def outside_idea(app):
    return app.register_project(ctx(), title="Rymdresa", department="buf", outside_strategy=True)["ref"]


def exploring(app, budget="50000"):
    ref = register(app, budget=budget)
    app.explore(ctx(), ref)
    return ref


def awaiting(app, budget="50000", body="bun"):
    ref = exploring(app, budget)
    app.submit(ctx(), ref, body=body)
    return ref


def with_open_obligation(app):
    ref = awaiting(app)
    app.decide(
        ctx(),
        ref,
        body="bun",
        outcome="approved-with-conditions",
        meeting_date=MEETING,
        item="§ 7",
        condition=["Rapport till KSAU"],
        condition_due=[date(2026, 9, 30)],
    )
    app.fund(ctx(on=AFTER), ref, own_contribution="50000")
    app.define_indicator(ctx(on=AFTER), ref, key="elever", name="Elever", target="30")
    app.start(ctx(on=AFTER), ref)
    return ref


def approved_with_indicator(app):
    ref = approved_project(app)
    app.define_indicator(ctx(on=AFTER), ref, key="elever", name="Elever", target="30")
    return ref


def approved_and_funded(app):
    ref = approved_project(app)
    app.fund(ctx(on=AFTER), ref, own_contribution="50000")
    return ref


def granted(app):
    ref = approved_project(app)
    app.apply_for_funding(ctx(on=AFTER), ref, programme="Nordplus", amount="100")
    app.grant(ctx(on=AFTER), ref, application="A1", amount="100")
    return ref


def completed(app):
    ref = executing_project(app)
    app.complete(ctx(on=LATER), ref, lessons="Lärdomar")
    return ref


def spent_once(app):
    ref = executing_project(app)
    app.spend(ctx(on=LATER, command_id="k1"), ref, amount="10", category="resor")
    return ref


CASES = [
    # (id, set-up returning a ref, the refused command, expected error, rule id)
    (
        "R1 unknown focus area",
        register,
        lambda a, r: a.register_project(ctx(), title="X", department="buf", focus_area=["rymdfart"]),
        RuleViolation,
        "R1",
    ),
    (
        "R1 unknown target group",
        register,
        lambda a, r: a.register_project(
            ctx(), title="X", department="buf", focus_area=["turism"], target_group=["pensionarer"]
        ),
        RuleViolation,
        "R1",
    ),
    (
        "R1 unknown goal",
        register,
        lambda a, r: a.register_project(
            ctx(), title="X", department="buf", focus_area=["turism"], goal=["varldsfred"]
        ),
        RuleViolation,
        "R1",
    ),
    (
        "R1 no strategy in force yet",
        register,
        lambda a, r: a.register_project(
            ctx(on=date(2007, 1, 1)), title="X", department="buf", focus_area=["turism"]
        ),
        RuleViolation,
        "R1",
    ),
    (
        "R2 explore outside without mandate",
        outside_idea,
        lambda a, r: a.explore(ctx(), r),
        RuleViolation,
        "R2",
    ),
    (
        "R3 submit above threshold to official",
        lambda a: exploring(a, "150000"),
        lambda a, r: a.submit(ctx(), r, body="kommunchef"),
        RuleViolation,
        "R3",
    ),
    (
        "R3 official approves above threshold",
        lambda a: awaiting(a, "150000"),
        lambda a, r: a.decide(
            ctx(), r, body="kommunchef", outcome="approved", meeting_date=MEETING, item="§ 1"
        ),
        RuleViolation,
        "R3",
    ),
    (
        "R3 spend above ceiling",
        executing_project,
        lambda a, r: a.spend(ctx(on=LATER), r, amount="50000.01", category="resor"),
        RuleViolation,
        "R3",
    ),
    (
        "fund before approval",
        exploring,
        lambda a, r: a.fund(ctx(on=AFTER), r, own_contribution="1"),
        InvalidTransition,
        None,
    ),
    (
        "R4 start without own contribution",
        approved_with_indicator,
        lambda a, r: a.start(ctx(on=AFTER), r),
        RuleViolation,
        "R4",
    ),
    (
        "R6 start without indicator",
        approved_and_funded,
        lambda a, r: a.start(ctx(on=AFTER), r),
        RuleViolation,
        "R6",
    ),
    (
        "R12 fund within the appeal window",
        approved_project,
        lambda a, r: a.fund(ctx(on=IN_WINDOW), r, own_contribution="50000"),
        RuleViolation,
        "R12",
    ),
    (
        "R12 complete with an open obligation",
        with_open_obligation,
        lambda a, r: a.complete(ctx(on=LATER), r, lessons="Lärdomar"),
        RuleViolation,
        "R12",
    ),
    (
        "R5 receive more than granted",
        granted,
        lambda a, r: a.receive(ctx(on=AFTER), r, application="A1", amount="100.01"),
        RuleViolation,
        "R5",
    ),
    (
        "R9 officer of another department",
        register,
        lambda a, r: a.explore(ctx(OTHER_OFFICER), r),
        NotPermitted,
        "R9",
    ),
    ("R9 auditor does case work", register, lambda a, r: a.explore(ctx(AUDITOR), r), NotPermitted, "R9"),
    ("R9 reporter does case work", register, lambda a, r: a.explore(ctx(REPORTER), r), NotPermitted, "R9"),
    ("R9 unknown actor", register, lambda a, r: a.explore(ctx("mallory"), r), NotPermitted, "R9"),
    (
        "R9 officer organises",
        register,
        lambda a, r: a.add_body(ctx(), key="x", name="X", kind="board"),
        NotPermitted,
        "R9",
    ),
    ("explore twice", exploring, lambda a, r: a.explore(ctx(), r), InvalidTransition, None),
    (
        "withdraw after completion",
        completed,
        lambda a, r: a.withdraw(ctx(on=LATER), r, reason="för sent"),
        InvalidTransition,
        None,
    ),
    ("unknown project", register, lambda a, r: a.explore(ctx(), "KAL-2026-0099"), NotFound, None),
    ("unknown body", exploring, lambda a, r: a.submit(ctx(), r, body="fn"), NotFound, None),
    (
        "unknown indicator",
        executing_project,
        lambda a, r: a.measure(ctx(on=LATER), r, key="okand", value="1"),
        NotFound,
        None,
    ),
    (
        "blank lessons",
        executing_project,
        lambda a, r: a.complete(ctx(on=LATER), r, lessons="   "),
        InvalidInput,
        None,
    ),
    (
        "second init",
        register,
        lambda a, r: a.init(
            ctx(ADMIN), municipality="K", code="KAL", country="SE", currency="SEK", language="sv"
        ),
        RuleViolation,
        None,
    ),
    (
        "duplicate command id",
        spent_once,
        lambda a, r: a.spend(ctx(on=LATER, command_id="k1"), r, amount="11", category="resor"),
        DuplicateCommand,
        None,
    ),
]


@pytest.mark.parametrize("set_up, command, error, rule", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_refused_command_writes_nothing(kalix, set_up, command, error, rule):
    ref = set_up(kalix)
    version = kalix.load_project(ref).version
    raised = refused(kalix, error, command, kalix, ref)
    if rule is not None:
        assert str(raised).startswith(f"{rule}: ")
    assert kalix.load_project(ref).version == version
