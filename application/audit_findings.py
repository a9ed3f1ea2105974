"""`audit check`: rule findings read from the history of every case (R1, R2, R3, R5, R6, R7, R12)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from application.authorisation import READ
from application.app import UdsynCore
from domain.errors import RuleViolation
from domain.project import APPROVED, COMPLETED, EXECUTING, Project
from domain.statement_duty import REPORTING, owes_statement
from domain.strategy import StrategyVersion

P = Project
COMMITMENTS = {P.OwnContributionCommitted: "a funding commitment", P.ExecutionStarted: "starting execution",
               P.ExpenditureRecorded: "spending"}
LEDGER = (P.ExpenditureRecorded, P.OwnContributionCommitted, P.FundingGranted, P.FundingReceived)


@dataclass(frozen=True)
class RuleFinding:
    """One place in the history where a rule of the spec was not followed."""

    rule: str
    ref: str
    position: int | None
    version: int
    event: str
    effective_date: date | None
    recorded_on: date
    year: int
    message: str

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))


class _Walk:
    """One case's events, oldest first, checked against the state just before each of them."""

    def __init__(self, events: list[Any], positions: dict[int, int], strategy_on, today: date,
                 closed: dict[int, datetime] | None = None):
        self.events, self.positions, self.strategy_on, self.today = events, positions, strategy_on, today
        self.closed = closed or {}
        self.found: list[RuleFinding] = []
        self.created_by: dict[str, Any] = {}  # obligation key → the decision event that set it
        self.fulfilled_by: dict[str, Any] = {}
        self.statement_events: dict[int, Any] = {}
        self.statuses: list[tuple[date, str]] = []  # (effective day, status) at each change, as in the ledger
        self.status_events: list[Any] = []  # the event behind each change
        self.funding: Any = None

    def run(self) -> list[RuleFinding]:
        project = None
        for event in self.events:
            if project is not None:
                self._before(project, event)
            project = event.mutate(project)
            self._after(project, event)
        if project is not None:
            self._at_the_end(project)
        return self.found

    def add(self, rule: str, project: Project, event: Any, message: str, year: int | None = None) -> None:
        day = getattr(event, "effective_date", None)
        self.found.append(RuleFinding(
            rule=rule, ref=project.ref, position=self.positions.get(event.originator_version),
            version=event.originator_version, event=type(event).__name__, effective_date=day,
            recorded_on=event.timestamp.date(), year=year or (day or event.timestamp.date()).year, message=message,
        ))

    def _before(self, p: Project, e: Any) -> None:
        what = COMMITMENTS.get(type(e))
        if what:
            self._commitment(p, e, what)
        if isinstance(e, P.ExecutionStarted) and not any(i.target for i in p.indicators.values()):
            self.add("R6", p, e, "execution started without an indicator with a target")
        if isinstance(e, P.ExpenditureRecorded) and p.ceiling is not None and p.spent + e.amount.reporting > p.ceiling:
            self.add("R3", p, e, f"spending {e.amount} brings the total to {p.spent + e.amount.reporting}, "
                                 f"above the approved ceiling {p.ceiling}")
        if isinstance(e, P.ExplorationStarted) and p.outside_strategy and not p.has_mandate:
            self.add("R2", p, e, "explored outside every focus area without a mandate")
        if getattr(e, "correction", None) is None and e.effective_date:
            self._late_fact(p, e, e.effective_date.year)

    def _late_fact(self, p: Project, e: Any, year: int) -> None:
        """R7: a fact dated in a year already reported or closed, recorded as if nothing had been."""
        closed_at = self.closed.get(year)
        if closed_at is not None and e.timestamp > closed_at:
            self.add("R7", p, e, f"a fact effective in {year} was recorded {e.timestamp:%Y-%m-%d} after the year was "
                                 f"closed {closed_at:%Y-%m-%d}, not as a correction in the next open year")
        elif isinstance(e, LEDGER) and str(year) in p.statements:
            reported = p.statements[str(year)]
            self.add("R7", p, e, f"correction to {year} after its annual statement was submitted "
                                 f"on {reported.submitted_on}; post it as an adjustment in the next open year")

    def _commitment(self, p: Project, e: Any, what: str) -> None:
        day = e.effective_date
        if p.in_force_on is None:
            self.add("R3", p, e, f"{what} on {day} without an approving decision")
        elif day < p.in_force_on:
            decision = p.decisions[-1] if p.decisions else None
            made = f" (decided {decision.meeting_date} by {decision.body})" if decision else ""
            self.add("R12", p, e, f"{what} on {day} is effective before the decision that allowed it enters "
                                  f"into force on {p.in_force_on}{made}")
        elif p.appeal_ends is not None and day <= p.appeal_ends:
            self.add("R12", p, e, f"{what} on {day} is within the appeal window, which ends {p.appeal_ends}")

    def _after(self, p: Project, e: Any) -> None:
        if not self.statuses or self.statuses[-1][1] != p.status:
            self.statuses.append((getattr(e, "effective_date", None) or e.timestamp.date(), p.status))
            self.status_events.append(e)
        if isinstance(e, P.DecisionRecorded):
            for key in e.decision.obligation_keys:
                self.created_by[key] = e
        elif isinstance(e, P.ObligationFulfilled):
            self.fulfilled_by[e.key] = e
        elif isinstance(e, P.StatementSubmitted):
            self.statement_events[e.statement.year] = e
        elif isinstance(e, (P.OwnContributionCommitted, P.FundingGranted)):
            self.funding = e

    def _at_the_end(self, p: Project) -> None:
        registered = self.events[0]
        if p.outside_strategy:
            mandate = "; explored under a mandate" if p.has_mandate else ""
            self.add("R1", p, registered, f"registered outside every focus area of the strategy{mandate}")
        for key, o in p.obligations.items():
            origin = self.created_by.get(key, registered)
            if o.fulfilled_on is None and o.due < self.today:
                self.add("R12", p, origin, f"obligation {key} ('{o.text}') was due {o.due} and is still open",
                         year=o.due.year)
            elif o.fulfilled_on is not None and o.fulfilled_on > o.due:
                self.add("R12", p, self.fulfilled_by.get(key, origin),
                         f"obligation {key} ('{o.text}') was fulfilled {o.fulfilled_on}, after it was due {o.due}",
                         year=o.due.year)
        self._funding_share(p)
        self._statements(p)

    def _funding_share(self, p: Project) -> None:
        if p.status not in (APPROVED, EXECUTING, COMPLETED) or p.external_share is None or self.funding is None:
            return
        strategy: StrategyVersion | None = self.strategy_on(p.in_force_on or self.funding.effective_date)
        if strategy is not None and p.external_share < strategy.external_funding_target:
            self.add("R5", p, self.funding, f"external funding is {p.external_share:.1%} of the funding plan, "
                                            f"below the strategy's target of {strategy.external_funding_target:.0%}")

    def _statements(self, p: Project) -> None:
        """R7: every year the case owes a statement for, by the annual report's own rule."""
        for year in range(self.statuses[0][0].year, max(self.today.year, self.statuses[-1][0].year) + 1):
            end = date(year, 12, 31)
            strategy = self.strategy_on(end)
            if strategy is None or not owes_statement(self.statuses, date(year, 1, 1), end):
                continue
            due = strategy.statement_due_for(year)
            statement = p.statements.get(str(year))
            if statement is None and due < self.today:
                self.add("R7", p, self._reporting_since(end),
                         f"no annual statement for {year}; it was due {due}", year=year)
            elif statement is not None and statement.submitted_on > due:
                self.add("R7", p, self.statement_events.get(year, self._reporting_since(end)),
                         f"the annual statement for {year} was submitted {statement.submitted_on}, after it "
                         f"was due {due}", year=year)

    def _reporting_since(self, end: date) -> Any:
        """The latest change by `end` that made the case report: its approval, start or completion."""
        made = [e for (on, status), e in zip(self.statuses, self.status_events)
                if on <= end and status in (*REPORTING, COMPLETED)]
        return made[-1] if made else self.events[0]


class AuditFindings(UdsynCore):
    def rule_findings(self, actor: str, year: int | None = None) -> tuple[int, list[RuleFinding]]:
        """Every case's history checked against the rules; returns (cases checked, findings)."""
        self.authorised(actor, READ)
        strategy = self.strategy()
        today = self.clock.now().date()

        def strategy_on(day: date | None) -> StrategyVersion | None:
            if strategy is None or day is None:
                return None
            try:
                return strategy.in_force_on(day)
            except RuleViolation:  # no version adopted by then
                return None

        found, cases, closed = [], 0, self._closed_years()
        for project_id in self.project_ids():
            cases += 1
            events = list(self.events.get(project_id))
            found += _Walk(events, self.positions_of(project_id), strategy_on, today, closed).run()
        if year is not None:
            found = [f for f in found if f.year == year]
        found.sort(key=lambda f: (f.ref, f.position or 0, f.rule))
        return cases, found

    def _closed_years(self) -> dict[int, datetime]:
        """Each closed reporting year and when it was closed."""
        from domain.reporting_year import ReportingYear  # loaded by the audit, not by every command

        topic, start, closed = self.topic_of(ReportingYear.Closed), 1, {}
        while batch := self.recorder.select_notifications(start, 1000, topics=[topic]):
            for notification in batch:
                event = self.mapper.to_domain_event(notification)
                closed[event.year] = event.timestamp
            start = batch[-1].id + 1
        return closed
