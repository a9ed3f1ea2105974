"""Random sequences of case commands: whatever is accepted or refused, the case reloaded from the
store equals the live case built from its events, and a refused command writes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

from eventsourcing.application import project_aggregate
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from domain.errors import UdsynError
from domain.project import CLOSED, STATUSES, Project
from tests.support import ctx, make_app, set_up_kalix, stored_event_count

# Dates that often fall on the interesting side of a rule (the appeal window of a 2026-01-15
# meeting ends 2026-02-05), mixed with any day of the year.
DAYS = st.sampled_from(
    [date(2026, 1, 15), date(2026, 2, 5), date(2026, 2, 10), date(2026, 6, 1), date(2026, 12, 1)]
) | st.dates(min_value=date(2026, 1, 5), max_value=date(2026, 12, 31))
BODIES = st.sampled_from(["bun", "ksau", "kf", "kommunchef"])
OUTCOMES = st.sampled_from(["approved", "approved-with-conditions", "rejected", "returned", "postponed"])
AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("60000"), places=2).map(str)
SMALL_AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("300"), places=2).map(str)
APPLICATIONS = st.sampled_from(["A1", "A2", "A3"])
INDICATORS = st.sampled_from(["elever", "besok"])
COMMAND_IDS = st.none() | st.sampled_from(["c1", "c2", "c3"])


def state(aggregate) -> dict:
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}


class CaseLifecycle(RuleBasedStateMachine):
    cases = Bundle("cases")

    def __init__(self) -> None:
        super().__init__()
        self.app = make_app()
        set_up_kalix(self.app)
        self.live: dict[str, Project] = {}
        self.closed_as: dict[str, str] = {}

    # --- running a command ----------------------------------------------------------------

    def attempt(self, ref: str, command, *args, **kwargs) -> None:
        """Run a command on the case; refused, it must write nothing; accepted, it adds one event."""
        project_id = self.live[ref].id
        events_before = stored_event_count(self.app)
        version_before = self.app.repository.get(project_id).version
        try:
            result = command(*args, **kwargs)
        except UdsynError:
            assert stored_event_count(self.app) == events_before
            assert self.app.repository.get(project_id).version == version_before
            return
        if result.get("replayed"):
            assert stored_event_count(self.app) == events_before
        else:
            assert self.app.repository.get(project_id).version == version_before + 1
        self.follow(ref)

    def follow(self, ref: str) -> None:
        """Bring the live case up to date with the events stored since its version."""
        live = self.live[ref]
        self.live[ref] = project_aggregate(live, self.app.events.get(live.id, gt=live.version))

    # --- commands ---------------------------------------------------------------------------

    @initialize(target=cases)
    def first_case(self) -> str:
        return self._register(budget="50000", outside=False, on=date(2026, 1, 5))

    @precondition(lambda self: len(self.live) < 3)
    @rule(
        target=cases,
        budget=st.sampled_from([None, "20000", "50000", "150000"]),
        outside=st.booleans(),
        on=DAYS,
    )
    def register(self, budget, outside, on) -> str:
        return self._register(budget, outside, on)

    def _register(self, budget, outside, on) -> str:
        where = {"outside_strategy": True} if outside else {"focus_area": ["utbildning"]}
        result = self.app.register_project(
            ctx(on=on), title="Elevutbyte", department="buf", budget=budget, **where
        )
        self.live[result["ref"]] = project_aggregate(None, self.app.events.get(UUID(result["id"])))
        return result["ref"]

    @rule(ref=cases, steps=st.integers(1, 12))
    def advance(self, ref, steps):
        """Up to `steps` steps along the ordinary path, with dates and amounts the rules accept, so
        that the random commands around it also meet approved and executing cases."""
        for _ in range(steps):
            self._next_step(ref)

    def _next_step(self, ref):
        p, app = self.live[ref], self.app
        if p.status == "idea" and p.outside_strategy and not p.has_mandate:
            self.attempt(
                ref,
                app.decide,
                ctx(),
                ref,
                body="kommunchef",
                outcome="approved",
                meeting_date=date(2026, 1, 10),
                item="§ 2",
            )
        elif p.status == "idea":
            self.attempt(ref, app.explore, ctx(), ref)
        elif p.status == "exploration":
            self.attempt(ref, app.submit, ctx(), ref, body="ksau")
        elif p.status == "awaiting_decision":
            self.attempt(
                ref,
                app.decide,
                ctx(),
                ref,
                body="ksau",
                outcome="approved",
                meeting_date=date(2026, 1, 15),
                item="§ 7",
                ceiling=None if p.budget else "50000",
            )
        elif p.status == "approved" and not p.indicators:
            self.attempt(ref, app.define_indicator, ctx(), ref, key="elever", name="Elever", target="30")
        elif p.status == "approved" and not p.applications:
            self.attempt(
                ref,
                app.apply_for_funding,
                ctx(),
                ref,
                programme="Interreg Aurora",
                amount="1000",
                currency="EUR",
                rate="11.40",
            )
        elif p.status == "approved" and p.applications["A1"].status == "applied":
            self.attempt(
                ref, app.grant, ctx(), ref, application="A1", amount="1000", currency="EUR", rate="11.40"
            )
        elif p.status == "approved" and (
            p.own_contribution is None or p.own_contribution.reporting + p.granted_total < p.ceiling
        ):
            own = max(p.ceiling - p.granted_total, Decimal(0))
            self.attempt(ref, app.fund, ctx(on=self.allowed_day(p)), ref, own_contribution=str(own))
        elif p.status == "approved":
            self.attempt(ref, app.start, ctx(on=self.allowed_day(p)), ref)
        elif (
            p.status == "executing" and p.applications.get("A1") and p.applications["A1"].status == "granted"
        ):
            self.attempt(
                ref, app.receive, ctx(), ref, application="A1", amount="1000", currency="EUR", rate="11.40"
            )
        elif p.status == "executing" and p.open_obligations:
            self.attempt(ref, app.fulfil, ctx(), ref, p.open_obligations[0])

    @staticmethod
    def allowed_day(p: Project) -> date:
        """The first day funding and execution may follow the case's approving decision (R12)."""
        after_appeal = p.appeal_ends + timedelta(days=1) if p.appeal_ends else p.in_force_on
        return max(p.in_force_on, after_appeal)

    @rule(ref=cases, on=DAYS, command_id=COMMAND_IDS)
    def explore(self, ref, on, command_id):
        self.attempt(ref, self.app.explore, ctx(on=on, command_id=command_id), ref)

    @rule(ref=cases, body=BODIES, on=DAYS)
    def submit(self, ref, body, on):
        self.attempt(ref, self.app.submit, ctx(on=on), ref, body=body)

    @rule(
        ref=cases,
        body=BODIES,
        outcome=OUTCOMES,
        meeting=DAYS,
        ceiling=st.none() | st.sampled_from(["30000", "60000", "200000"]),
        conditions=st.integers(1, 2),
    )
    def decide(self, ref, body, outcome, meeting, ceiling, conditions):
        texts = [f"Villkor {i}" for i in range(conditions)] if outcome == "approved-with-conditions" else []
        self.attempt(
            ref,
            self.app.decide,
            ctx(),
            ref,
            body=body,
            outcome=outcome,
            meeting_date=meeting,
            item="§ 1",
            ceiling=ceiling,
            condition=texts,
            condition_due=[date(2026, 9, 30)] * len(texts),
        )

    @rule(ref=cases, amount=AMOUNTS, on=DAYS, command_id=COMMAND_IDS)
    def fund(self, ref, amount, on, command_id):
        self.attempt(ref, self.app.fund, ctx(on=on, command_id=command_id), ref, own_contribution=amount)

    @rule(ref=cases, amount=AMOUNTS, in_euro=st.booleans(), on=DAYS)
    def apply(self, ref, amount, in_euro, on):
        money = {"currency": "EUR", "rate": "11.40"} if in_euro else {}
        self.attempt(
            ref, self.app.apply_for_funding, ctx(on=on), ref, programme="Erasmus+", amount=amount, **money
        )

    @rule(ref=cases, key=APPLICATIONS, amount=AMOUNTS, on=DAYS)
    def grant(self, ref, key, amount, on):
        self.attempt(ref, self.app.grant, ctx(on=on), ref, application=key, amount=amount)

    @rule(ref=cases, key=APPLICATIONS, on=DAYS)
    def reject_funding(self, ref, key, on):
        self.attempt(ref, self.app.reject_funding, ctx(on=on), ref, application=key)

    @rule(ref=cases, key=APPLICATIONS, amount=AMOUNTS, on=DAYS)
    def receive(self, ref, key, amount, on):
        self.attempt(ref, self.app.receive, ctx(on=on), ref, application=key, amount=amount)

    @rule(ref=cases, key=INDICATORS, on=DAYS)
    def indicator(self, ref, key, on):
        self.attempt(ref, self.app.define_indicator, ctx(on=on), ref, key=key, name=key.title(), target="30")

    @rule(ref=cases, on=DAYS)
    def start(self, ref, on):
        self.attempt(ref, self.app.start, ctx(on=on), ref)

    @rule(ref=cases, amount=AMOUNTS, on=DAYS, command_id=COMMAND_IDS)
    def spend(self, ref, amount, on, command_id):
        self.attempt(
            ref, self.app.spend, ctx(on=on, command_id=command_id), ref, amount=amount, category="resor"
        )

    @precondition(lambda self: any(p.status == "executing" for p in self.live.values()))
    @rule(ref=cases, amounts=st.lists(SMALL_AMOUNTS, min_size=20, max_size=30))
    def spend_in_bulk(self, ref, amounts):
        """Many small expenditures on a valid day, so that cases pass the snapshot interval (50 events)."""
        if self.live[ref].status != "executing":
            return
        on = self.allowed_day(self.live[ref])
        for amount in amounts:
            self.attempt(ref, self.app.spend, ctx(on=on), ref, amount=amount, category="material")

    @rule(ref=cases, key=INDICATORS, value=st.integers(0, 100), on=DAYS)
    def measure(self, ref, key, value, on):
        self.attempt(ref, self.app.measure, ctx(on=on), ref, key=key, value=str(value))

    @rule(ref=cases, year=st.sampled_from([2025, 2026, 2027]), on=DAYS)
    def statement(self, ref, year, on):
        self.attempt(ref, self.app.statement, ctx(on=on), ref, year=year, text="Årets berättelse")

    @rule(ref=cases, key=st.sampled_from(["O1", "O2", "O3"]), on=DAYS)
    def fulfil(self, ref, key, on):
        self.attempt(ref, self.app.fulfil, ctx(on=on), ref, key)

    @rule(ref=cases, lessons=st.sampled_from(["Lärdomar för organisationen", "   "]), on=DAYS)
    def complete(self, ref, lessons, on):
        self.attempt(ref, self.app.complete, ctx(on=on), ref, lessons=lessons)

    @rule(ref=cases, on=DAYS, now=st.integers(0, 3))
    def withdraw(self, ref, on, now):
        if now == 0:  # a withdrawal ends the case: one draw in four, so that most cases live on
            self.attempt(ref, self.app.withdraw, ctx(on=on), ref, reason="Prioriteras bort")

    # --- invariants -------------------------------------------------------------------------

    @invariant()
    def the_stored_case_equals_the_live_case_and_its_full_replay(self):
        for live in self.live.values():
            reloaded = self.app.repository.get(live.id)
            replayed = project_aggregate(None, self.app.events.get(live.id))
            assert state(reloaded) == state(live)
            assert state(replayed) == state(live)

    @invariant()
    def a_closed_case_stays_closed(self):
        for ref, live in self.live.items():
            assert live.status in STATUSES
            if ref in self.closed_as:
                assert live.status == self.closed_as[ref]
            elif live.status in CLOSED:
                self.closed_as[ref] = live.status

    @invariant()
    def a_completed_case_has_lessons_and_no_open_obligation(self):
        for live in self.live.values():
            if live.status == "completed":
                assert live.lessons and live.lessons.strip()
                assert live.open_obligations == []


def test_random_command_sequences_keep_the_stored_case_equal_to_the_live_case():
    run_state_machine_as_test(
        CaseLifecycle,
        settings=settings(
            max_examples=60,
            stateful_step_count=40,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
