"""A case in execution (R6, R7, R8, R12): indicators and their measurements, the start, spending
within the ceiling, annual statements, the obligations a decision's conditions created, and
completion with lessons learned. Mixed into `domain.project.Project`, whose events, state and
lifecycle checks these methods use."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain import rules
from domain.errors import DatedBeforeHistory, InvalidInput, InvalidTransition, NotFound, RuleViolation
from domain.meta import Meta
from domain.money import Amount
from domain.project_status import APPROVED, EXECUTING
from domain.records import Indicator, Statement


class ProjectExecution:
    """The execution half of a case: each method decides, then records one of the Project's events."""

    def define_indicator(self, key: str, name: str, target: Decimal, unit: str | None, meta: Meta) -> None:
        """R6: define what will be measured and the target to reach."""
        self._require_open()
        if key in self.indicators:
            raise RuleViolation(None, f"indicator '{key}' already exists", ref=self.ref)
        if not name.strip():
            raise InvalidInput("name", "must not be empty")
        self._not_before_registration(meta.effective_date, "the indicator")
        self._record(self.IndicatorDefined, meta, indicator=Indicator(key, name.strip(), target, unit))

    def start(self, meta: Meta) -> None:
        """Start execution: R6 indicators, R4 funding plan covered, R12 decision in force."""
        self._require(APPROVED, action="start")
        rules.r6_has_indicator_target(self.ref, len(self.indicators))
        self._check_funding_covers(self.own_contribution.reporting if self.own_contribution else None)
        self._check_decision_in_force(meta.effective_date, "starting execution")
        self._not_before_last_step(meta.effective_date, "the start")
        self._record(self.ExecutionStarted, meta)

    def record_expenditure(self, amount: Amount, category: str, description: str | None, meta: Meta) -> None:
        """Record spending; R3 refuses it above the approved ceiling, R12 before the decision."""
        if self.status != EXECUTING:  # _require's check inline (spending and measuring are the usual
            raise InvalidTransition(self.ref, self.status, "record spending on")  # commands; its call packs a tuple)
        if not category.strip():
            raise InvalidInput("category", "must not be empty")
        self._check_decision_in_force(meta.effective_date, "spending")
        self._not_before_start(meta.effective_date, "spending")
        rules.r3_within_ceiling(self.ref, self.spent, amount.reporting, self.ceiling or Decimal(0))
        self._record(self.ExpenditureRecorded, meta, amount=amount, category=category.strip(),
                     description=description)

    def record_measurement(self, key: str, value: Decimal, meta: Meta) -> None:
        """R6: measure an indicator against its target."""
        if self.status not in (APPROVED, EXECUTING):  # _require's check inline, as in record_expenditure
            raise InvalidTransition(self.ref, self.status, "measure")
        if key not in self.indicators:
            raise NotFound(f"{self.ref} has no indicator '{key}'")
        if self.started_on is None:  # approved, not started: a baseline, after the registration
            self._not_before_registration(meta.effective_date, "the measurement")
        else:
            self._not_before_start(meta.effective_date, "the measurement")
        self._record(self.MeasurementRecorded, meta, key=key, value=value)

    def submit_statement(self, year: int, text: str, meta: Meta) -> None:
        """R7: the project's narrative for the annual report of `year`."""
        if not text.strip():
            raise InvalidInput("text", "the annual statement must not be empty")
        if year < self.registered_on.year or year > meta.effective_date.year:
            raise InvalidInput(
                "year", f"{year} is outside {self.registered_on.year}–{meta.effective_date.year}"
            )
        self._not_before_registration(meta.effective_date, "the statement")
        self._record(self.StatementSubmitted, meta,
                     statement=Statement(year, text.strip(), meta.effective_date))

    def fulfil(self, key: str, meta: Meta) -> None:
        """R12: close an obligation that a decision's condition created."""
        if key not in self.obligations:
            raise NotFound(f"{self.ref} has no obligation '{key}'")
        obligation = self.obligations[key]
        if obligation.fulfilled_on is not None:
            raise RuleViolation("R12", f"obligation {key} is already fulfilled", ref=self.ref)
        decided_on = self.decisions[obligation.decision - 1].meeting_date
        if meta.effective_date < decided_on:
            raise DatedBeforeHistory(self.ref, f"fulfilling {key}", meta.effective_date,
                                     f"decision {obligation.decision}", decided_on)
        self._record(self.ObligationFulfilled, meta, key=key)

    def complete(self, lessons: str, meta: Meta) -> None:
        """Complete execution: R8 lessons learned, R12 no open obligations."""
        self._require(EXECUTING, action="complete")
        rules.r8_lessons_recorded(self.ref, lessons)
        rules.r12_no_open_obligations(self.ref, self.open_obligations)
        self._not_before_last_step(meta.effective_date, "the completion")
        self._record(self.Completed, meta, lessons=lessons.strip())

    def _not_before_start(self, on: date, what: str) -> None:
        """Spending and measuring under execution are not dated before it started."""
        if on < self.started_on:
            raise DatedBeforeHistory(self.ref, what, on, "the start of execution", self.started_on)

    # --- obligations ----------------------------------------------------------------------

    @property
    def open_obligations(self) -> list[str]:
        return [k for k, o in self.obligations.items() if o.fulfilled_on is None]

    def overdue_obligations(self, today: date) -> list[str]:
        return [k for k, o in self.obligations.items() if o.fulfilled_on is None and o.due < today]
