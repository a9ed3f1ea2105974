"""The case: an international project from idea to completion (SPEC §3)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

from domain import rules
from domain.base import UdsynAggregate, uuid5_in_namespace
from domain.errors import DatedBeforeHistory, InvalidInput, InvalidTransition, RuleViolation
from domain.frozen_init import replaced
from domain.meta import Meta
from domain.money import ZERO, Amount
from domain.organisation import Body
from domain.project_decisions import ProjectDecisions
from domain.project_execution import ProjectExecution
from domain.project_funding import ProjectFunding
from domain.project_status import (  # noqa: F401 - the statuses, importable from here as before
    APPROVED, AWAITING, CLOSED, COMPLETED, EXECUTING, EXPLORATION, IDEA, REJECTED, STATUSES, WITHDRAWN,
)
from domain.records import (
    APPROVING, Decision, ExpectedEffects, FundingApplication, Indicator, Obligation,
    Statement,
)

if TYPE_CHECKING:  # a parameter's type only: showing a case need not load the strategy's module
    from domain.strategy import StrategyVersion


def project_id(ref: str) -> UUID:
    """deterministic_id("project", ref), without its cache: a case's id is worked out once, as it is
    registered (a miss each time), and the application remembers the ids of the cases it meets."""
    return uuid5_in_namespace(f"project/{ref}")


class Project(ProjectDecisions, ProjectFunding, ProjectExecution, UdsynAggregate):
    """A case with its decisions, funding, indicators, spending and annual statements."""
    copied_containers = ("_pending_events", "focus_areas", "target_groups", "goals", "partners", "decisions",
                         "obligations", "applications", "indicators", "statements")
    # The lifecycle step the case's next step may not precede, and its effective date; None in a
    # snapshot taken before cases kept them, where the registration stands in.
    last_step = last_step_on = None

    class Registered(UdsynAggregate.Created):
        ref: str
        title: str
        summary: str
        department: str
        focus_areas: list[str]
        outside_strategy: bool
        target_groups: list[str]
        goals: list[str]
        partners: list[str]
        effects: ExpectedEffects
        budget: Amount | None
        strategy_version: int

        def apply(self, p: Project) -> None:
            p.ref, p.title, p.summary, p.department = self.ref, self.title, self.summary, self.department
            p.focus_areas, p.outside_strategy = self.focus_areas, self.outside_strategy
            p.target_groups, p.goals, p.partners = self.target_groups, self.goals, self.partners
            p.effects, p.budget, p.strategy_version = self.effects, self.budget, self.strategy_version
            p.registered_on = self.effective_date
            p.last_step, p.last_step_on = "the registration", self.effective_date
            p.status, p.has_mandate, p.submitted_to = IDEA, False, None
            p.decisions, p.obligations, p.applications, p.indicators = [], {}, {}, {}
            p.statements, p.own_contribution, p.ceiling = {}, None, None
            p.in_force_on, p.appeal_ends, p.spent, p.expenditures = None, None, ZERO, 0
            p.started_on, p.completed_on, p.lessons = None, None, None

    class ExplorationStarted(UdsynAggregate.Event):
        def apply(self, p: Project) -> None:
            p.status = EXPLORATION
            p.last_step, p.last_step_on = "the start of exploration", self.effective_date

    class SubmittedForDecision(UdsynAggregate.Event):
        body: str

        def apply(self, p: Project) -> None:
            p.status, p.submitted_to = AWAITING, self.body
            p.last_step, p.last_step_on = "the submission for decision", self.effective_date

    class DecisionRecorded(UdsynAggregate.Event):
        decision: Decision

        def apply(self, p: Project) -> None:
            d = self.decision
            p.decisions = [*p.decisions, d]
            for key, condition in zip(d.obligation_keys, d.conditions):
                p.obligations[key] = Obligation(key, condition.text, condition.due, d.number)
            if d.purpose != "supplementary":  # a mandate or the decision on the case: a lifecycle step
                p.last_step, p.last_step_on = f"decision {d.number}", d.meeting_date
            if d.purpose == "mandate":
                p.has_mandate = p.has_mandate or d.outcome in APPROVING
                if d.outcome == "rejected":
                    p.status = REJECTED
                return
            if d.outcome in APPROVING:
                p.ceiling, p.in_force_on, p.appeal_ends = d.ceiling, d.in_force_on, d.appeal_ends
                if p.status == AWAITING:
                    p.status = APPROVED
            elif p.status == AWAITING:
                p.status = {"rejected": REJECTED, "returned": EXPLORATION}.get(d.outcome, AWAITING)

    class Withdrawn(UdsynAggregate.Event):
        def apply(self, p: Project) -> None:
            p.status, p.last_step, p.last_step_on = WITHDRAWN, "the withdrawal", self.effective_date

    class OwnContributionCommitted(UdsynAggregate.Event):
        amount: Amount

        def apply(self, p: Project) -> None:
            p.own_contribution = self.amount

    class FundingApplied(UdsynAggregate.Event):
        application: FundingApplication

        def apply(self, p: Project) -> None:
            p.applications[self.application.key] = self.application

    class FundingGranted(UdsynAggregate.Event):
        key: str
        amount: Amount

        def apply(self, p: Project) -> None:
            p.applications[self.key] = replaced(
                p.applications[self.key], status="granted", granted=self.amount
            )

    class FundingRejected(UdsynAggregate.Event):
        key: str

        def apply(self, p: Project) -> None:
            p.applications[self.key] = replaced(p.applications[self.key], status="rejected")

    class FundingReceived(UdsynAggregate.Event):
        key: str
        amount: Amount

        def apply(self, p: Project) -> None:
            a = p.applications[self.key]
            same = a.granted is not None and a.granted.currency == self.amount.currency
            p.applications[self.key] = replaced(
                a,
                status="received",
                received=a.received + self.amount.reporting,
                received_in_grant_currency=a.received_in_grant_currency + (self.amount.value if same else 0),
            )

    class IndicatorDefined(UdsynAggregate.Event):
        indicator: Indicator

        def apply(self, p: Project) -> None:
            p.indicators[self.indicator.key] = self.indicator

    class ExecutionStarted(UdsynAggregate.Event):
        def apply(self, p: Project) -> None:
            p.status, p.started_on = EXECUTING, self.effective_date
            p.last_step, p.last_step_on = "the start of execution", self.effective_date

    class ExpenditureRecorded(UdsynAggregate.Event):
        amount: Amount
        category: str
        description: str | None

        def apply(self, p: Project) -> None:
            p.spent += self.amount.reporting
            p.expenditures += 1

    class MeasurementRecorded(UdsynAggregate.Event):
        key: str
        value: Decimal

        def apply(self, p: Project) -> None:
            i = p.indicators[self.key]
            p.indicators[self.key] = replaced(
                i, latest=self.value, measured_on=self.effective_date, measurements=i.measurements + 1
            )

    class StatementSubmitted(UdsynAggregate.Event):
        statement: Statement

        def apply(self, p: Project) -> None:
            p.statements[str(self.statement.year)] = self.statement

    class ObligationFulfilled(UdsynAggregate.Event):
        key: str

        def apply(self, p: Project) -> None:
            p.obligations[self.key] = replaced(p.obligations[self.key], fulfilled_on=self.effective_date)

    class Completed(UdsynAggregate.Event):
        lessons: str

        def apply(self, p: Project) -> None:
            p.status, p.lessons, p.completed_on = COMPLETED, self.lessons, self.effective_date
            p.last_step, p.last_step_on = "the completion", self.effective_date

    # --- register -------------------------------------------------------------------------

    @classmethod
    def register(
        cls,
        *,
        ref: str,
        title: str,
        department: str,
        focus_areas: list[str],
        strategy: StrategyVersion,
        meta: Meta,
        summary: str = "",
        target_groups: list[str] | None = None,
        goals: list[str] | None = None,
        partners: list[str] | None = None,
        effects: ExpectedEffects | None = None,
        budget: Amount | None = None,
    ) -> Project:
        """R1: register an idea against the strategy in force; outside every focus area it is flagged."""
        if not title.strip():
            raise InvalidInput("title", "must not be empty")
        target_groups, goals = list(target_groups or []), list(goals or [])
        strategy.check_keys(focus_areas, target_groups, goals)
        return cls._create_with(cls.Registered, project_id(ref), meta, dict(
            ref=ref,
            title=title.strip(),
            summary=summary,
            department=department,
            focus_areas=list(focus_areas),
            outside_strategy=not focus_areas,
            target_groups=target_groups,
            goals=goals,
            partners=list(partners or []),
            effects=effects or ExpectedEffects(),
            budget=budget,
            strategy_version=strategy.version,
        ))

    # --- lifecycle ------------------------------------------------------------------------

    def explore(self, meta: Meta) -> None:
        """R2: start exploring an idea; free inside the strategy, with a mandate outside it."""
        self._require(IDEA, action="explore")
        rules.r2_mandate_before_exploring(self.ref, self.outside_strategy, self.has_mandate)
        self._not_before_last_step(meta.effective_date, "exploration")
        self._record(self.ExplorationStarted, meta)

    def submit_for_decision(self, body: Body, threshold: Decimal, meta: Meta) -> None:
        """Put the explored project before a body; R3 is checked early against its kind."""
        self._require(EXPLORATION, action="submit")
        rules.r3_decider_may_approve(self.ref, self.estimate, threshold, body.is_political, body.key)
        self._not_before_last_step(meta.effective_date, "the submission")
        self._record(self.SubmittedForDecision, meta, body=body.key)

    def withdraw(self, meta: Meta) -> None:
        """Withdraw the case at any point before completion; the reason is required."""
        if self.status in CLOSED:
            raise InvalidTransition(self.ref, self.status, "withdraw")
        if not (meta.reason or "").strip():
            raise InvalidInput("reason", "a withdrawal states its reason")
        self._not_before_last_step(meta.effective_date, "the withdrawal")
        self._record(self.Withdrawn, meta)

    # --- derived --------------------------------------------------------------------------

    @property
    def estimate_or_none(self) -> Decimal | None:
        return self.budget.reporting if self.budget else None

    @property
    def estimate(self) -> Decimal:
        return self.budget.reporting if self.budget else Decimal(0)

    # --- helpers --------------------------------------------------------------------------

    @staticmethod
    def _next_key(prefix: str, taken: dict[str, object]) -> str:
        number = len(taken) + 1
        while f"{prefix}{number}" in taken:
            number += 1
        return f"{prefix}{number}"

    def _require(self, *statuses: str, action: str) -> None:
        if self.status not in statuses:
            raise InvalidTransition(self.ref, self.status, action)

    def _require_open(self) -> None:
        if self.status in CLOSED:
            raise InvalidTransition(self.ref, self.status, "change")

    def _not_before_last_step(self, on: date, what: str) -> None:
        """A lifecycle step is not dated before the step that brought the case where it is."""
        since = self.last_step_on
        if since is None:
            self._not_before_registration(on, what)
        elif on < since:
            raise DatedBeforeHistory(self.ref, what, on, self.last_step, since)

    def _not_before_registration(self, on: date, what: str) -> None:
        """No fact about a case is dated before the case was registered."""
        if on < self.registered_on:
            raise DatedBeforeHistory(self.ref, what, on, "the registration", self.registered_on)

    def _check_decision_in_force(self, on: date, what: str) -> None:
        if self.in_force_on is None:
            raise RuleViolation("R3", f"{what} needs an approving decision", ref=self.ref)
        rules.r12_decision_in_force(self.ref, on, self.in_force_on, self.appeal_ends, what)
