"""A case's external funding (R4, R5): the department's own contribution, applications to
programmes, grants, rejections and receipts, and the figures the annual report derives from them.
Mixed into `domain.project.Project`, whose events and lifecycle checks these methods use."""
from __future__ import annotations

from decimal import Decimal

from domain import rules
from domain.errors import InvalidInput, NotFound, RuleViolation
from domain.meta import Meta
from domain.money import Amount
from domain.project_status import APPROVED, AWAITING, EXECUTING, EXPLORATION
from domain.records import FundingApplication


class ProjectFunding:
    """The funding half of a case: each method decides, then records one of the Project's events;
    its state (applications, own contribution) is what those events applied."""

    def commit_own_contribution(self, amount: Amount, meta: Meta) -> None:
        """R4: the responsible department commits its own contribution, after the decision (R3, R12);
        once execution has started (where R4 was first required), a change must still cover the ceiling."""
        self._require(APPROVED, EXECUTING, action="commit funding to")
        self._check_decision_in_force(meta.effective_date, "a funding commitment")
        if self.status == EXECUTING:
            self._check_funding_covers(amount.reporting)
        self._record(self.OwnContributionCommitted, meta, amount=amount)

    def apply_for_funding(self, programme: str, amount: Amount, meta: Meta, key: str | None = None) -> str:
        """R5: apply to an external programme; returns the application key (A1, A2, …)."""
        self._require(EXPLORATION, AWAITING, APPROVED, EXECUTING, action="apply for funding for")
        key = key or self._next_key("A", self.applications)
        if key in self.applications:
            raise RuleViolation(None, f"application {key} already exists", ref=self.ref)
        if not programme.strip():
            raise InvalidInput("programme", "must not be empty")
        self._not_before_registration(meta.effective_date, "the application")
        self._record(
            self.FundingApplied,
            meta,
            application=FundingApplication(key=key, programme=programme.strip(), applied=amount),
        )
        return key

    def grant_funding(self, key: str, amount: Amount, meta: Meta) -> None:
        """The programme granted the application (possibly less than applied for)."""
        self._require_open()
        self._application(key, "applied", action="grant")
        self._not_before_registration(meta.effective_date, "the grant")
        self._record(self.FundingGranted, meta, key=key, amount=amount)

    def reject_funding(self, key: str, meta: Meta) -> None:
        """The programme turned the application down."""
        self._require_open()
        self._application(key, "applied", action="reject")
        self._not_before_registration(meta.effective_date, "the rejection")
        self._record(self.FundingRejected, meta, key=key)

    def receive_funding(self, key: str, amount: Amount, meta: Meta) -> None:
        """Money from a granted application arrived; instalments add up to at most the grant."""
        self._require_open()
        application = self._application(key, "granted", "received", action="receive")
        if application.would_exceed_grant(amount):
            granted = application.granted
            shown = f"{granted.reporting} granted" if granted.currency != amount.currency else f"{granted} granted"
            raise RuleViolation(
                "R5", f"receipts on {key} would total more than the {shown}", ref=self.ref
            )
        self._not_before_registration(meta.effective_date, "the receipt")
        self._record(self.FundingReceived, meta, key=key, amount=amount)

    # --- figures --------------------------------------------------------------------------

    @property
    def granted_total(self) -> Decimal:
        return sum(
            (a.granted.reporting for a in self.applications.values() if a.granted), Decimal(0)
        )

    @property
    def received_total(self) -> Decimal:
        return sum((a.received for a in self.applications.values()), Decimal(0))

    @property
    def applied_total(self) -> Decimal:
        return sum((a.applied.reporting for a in self.applications.values()), Decimal(0))

    @property
    def external_share(self) -> Decimal | None:
        """R5: granted external funding as a share of the total funding plan."""
        own = self.own_contribution.reporting if self.own_contribution else Decimal(0)
        total = own + self.granted_total
        return (self.granted_total / total).quantize(Decimal("0.0001")) if total else None

    # --- helpers --------------------------------------------------------------------------

    def _check_funding_covers(self, own: Decimal | None) -> None:
        """R4: the own contribution `own` and the granted external funding cover the approved ceiling."""
        rules.r4_funding_covers_ceiling(self.ref, own, self.granted_total, self.ceiling or Decimal(0))

    def _application(self, key: str, *statuses: str, action: str) -> FundingApplication:
        try:
            application = self.applications[key]
        except KeyError:
            raise NotFound(f"{self.ref} has no funding application '{key}'") from None
        if application.status not in statuses:
            raise RuleViolation(
                None, f"cannot {action} application {key}: it is {application.status}", ref=self.ref
            )
        return application
