"""A case's decisions (R3, R12): a decision recorded from the minutes, with the body, the
meeting, the agenda item, the outcome, its conditions and when it enters into force. Mixed into
`domain.project.Project`, whose events, state and lifecycle checks these methods use."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from domain import rules
from domain.errors import DatedBeforeHistory, DecisionAlreadyRecorded, InvalidInput, InvalidTransition
from domain.frozen_init import replaced
from domain.meta import Meta
from domain.organisation import Body
from domain.project_status import APPROVED, AWAITING, EXECUTING, IDEA
from domain.records import APPROVING, OUTCOMES, Condition, Decision

if TYPE_CHECKING:  # a parameter's type only: showing a case need not load the strategy's module
    from domain.strategy import StrategyVersion


class ProjectDecisions:
    """The decisions of a case: each recorded as the Project's DecisionRecorded event."""

    def decide(
        self,
        *,
        body: Body,
        outcome: str,
        meeting_date: date,
        item: str,
        strategy: StrategyVersion,
        meta: Meta,
        case_number: str | None = None,
        ceiling: Decimal | None = None,
        conditions: list[Condition] | None = None,
        in_force_on: date | None = None,
        posted_on: date | None = None,
    ) -> Decision:
        """R12: record a decision from the minutes; R3: above the threshold it must be political."""
        conditions = list(conditions or [])
        purpose = self._decision_purpose()
        if outcome not in OUTCOMES:
            raise InvalidInput("outcome", f"'{outcome}' is not one of {', '.join(OUTCOMES)}")
        if (outcome == "approved-with-conditions") != bool(conditions):
            raise InvalidInput(
                "condition",
                "approved-with-conditions takes at least one --condition; other outcomes take none",
            )
        if not item.strip():
            raise InvalidInput("item", "the agenda item (§) must not be empty")
        in_force_on = in_force_on or meeting_date
        if in_force_on < meeting_date:
            raise InvalidInput("effective", "entry into force cannot precede the meeting")
        if posted_on is not None and posted_on < meeting_date:
            raise InvalidInput("posted", "the minutes cannot be posted before the meeting they record")
        if any(c.due < meeting_date for c in conditions):
            raise InvalidInput("condition-due", "a condition cannot be due before the meeting")
        self._check_not_recorded(body.key, meeting_date, item)
        self._check_meeting_follows_history(purpose, meeting_date)
        decided_ceiling = None
        if outcome in APPROVING and purpose != "mandate":
            decided_ceiling = ceiling if ceiling is not None else self.estimate_or_none
            if decided_ceiling is None:
                raise InvalidInput("ceiling", "the project has no budget; an approval names a --ceiling")
            rules.r3_decider_may_approve(
                self.ref, decided_ceiling, strategy.approval_threshold, body.is_political, body.key
            )
        window = strategy.appeal_window_days
        decision = Decision(
            number=len(self.decisions) + 1,
            purpose=purpose,
            body=body.key,
            body_kind=body.kind,
            meeting_date=meeting_date,
            item=item.strip(),
            case_number=case_number,
            outcome=outcome,
            conditions=conditions,
            obligation_keys=[f"O{len(self.obligations) + i + 1}" for i in range(len(conditions))],
            ceiling=decided_ceiling,
            in_force_on=in_force_on,
            appeal_ends=(posted_on or meeting_date) + timedelta(days=window) if window else None,
            strategy_version=strategy.version,
            threshold=strategy.approval_threshold,
        )
        self._record(self.DecisionRecorded, replaced(meta, effective_date=meeting_date), decision=decision)
        return decision

    def _check_not_recorded(self, body: str, meeting_date: date, item: str) -> None:
        """R12: each decision is one minute record; the same body, meeting and agenda item (spaces
        and case aside: "§ 7" is "§7") cannot be recorded twice."""
        wanted = _item_key(item)
        for d in self.decisions:
            if d.meeting_date == meeting_date and d.body == body and _item_key(d.item) == wanted:
                raise DecisionAlreadyRecorded(self.ref, body, meeting_date, d.item, d.number)

    def _check_meeting_follows_history(self, purpose: str, meeting_date: date) -> None:
        """A mandate or the decision on the case follows the step before it (registration,
        submission, an earlier postponement); a supplementary decision follows the approval."""
        approval = None
        if purpose == "supplementary":
            approvals = (d for d in reversed(self.decisions)
                         if d.purpose == "approval" and d.outcome in APPROVING)
            approval = next(approvals, None)
        if approval is None:
            self._not_before_last_step(meeting_date, "the decision")
        elif meeting_date < approval.meeting_date:
            raise DatedBeforeHistory(
                self.ref, "the decision", meeting_date, f"the approval (decision {approval.number})",
                approval.meeting_date,
            )

    def _decision_purpose(self) -> str:
        if self.status == IDEA:
            return "mandate"
        if self.status == AWAITING:
            return "approval"
        if self.status in (APPROVED, EXECUTING):
            return "supplementary"
        raise InvalidTransition(self.ref, self.status, "decide on")


def _item_key(item: str) -> str:
    return "".join(item.split()).casefold()
