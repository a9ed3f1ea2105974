"""Use cases on a case: one method per command, each loads, calls one aggregate method, saves."""
from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from eventsourcing.application import AggregateNotFoundError

from application.ids import id_text
from application.authorisation import CASEWORK, authorise
from application.commands import models
from application.context import Context
from application.partnership_commands import PartnershipCommands
from domain.case_counter import CaseCounter, counter_id
from domain.errors import ConcurrentChange
from domain.meta import Meta
from domain.organisation import Organisation
from domain.project import Project
from domain.records import Condition, ExpectedEffects

c = models("project")
REGISTER_ATTEMPTS = 30
Change = Callable[[Project, Meta, Organisation], dict[str, Any] | None]


class ProjectCommands(PartnershipCommands):
    # The case counter is snapshotted as a case is (UdsynCore names Project's interval alone: its
    # read side, which never numbers a case, then need not load the counter's module).
    snapshotting_intervals = {**PartnershipCommands.snapshotting_intervals, CaseCounter: 50}

    def register_project(self, ctx: Context, **values: Any) -> dict[str, Any]:
        """R1: register an idea against the strategy in force; its reference is gap-free per year."""
        cmd = c.Register.parse(**values)
        for attempt in range(REGISTER_ATTEMPTS):
            try:
                return self._run(
                    "project register", cmd, ctx, lambda: self._register(cmd, ctx), None,
                    (lambda: self.authorised(ctx.actor, CASEWORK, cmd.department)) if ctx.command_id else None,
                )  # permit: only a command id's stored result is replayed
            except ConcurrentChange:
                if attempt == REGISTER_ATTEMPTS - 1:
                    raise
                time.sleep(random.uniform(0, 0.002 * 2 ** min(attempt, 6)))  # back off out of lock-step
        raise AssertionError("unreachable")

    def _register(self, cmd: Any, ctx: Context):
        org, user = self.authorised(ctx.actor, CASEWORK, cmd.department)
        org.department(cmd.department)
        meta = self._meta(ctx, user)
        strategy = self.strategy_on(meta.effective_date)
        if cmd.partner:
            self.partners_for_new_project(list(cmd.partner))  # R10
        budget = None
        if cmd.budget is not None:
            budget = self.amount(org, cmd.budget, cmd.currency, cmd.rate, field="budget")
        year = meta.effective_date.year
        try:
            counter = self.get(counter_id(org.code, year))
        except AggregateNotFoundError:
            counter = CaseCounter.open(org.code, year, meta)
        ref = counter.issue(meta)
        project = Project.register(
            ref=ref, title=cmd.title, department=cmd.department, focus_areas=list(cmd.focus_area),
            strategy=strategy, meta=meta, summary=cmd.summary, target_groups=list(cmd.target_group),
            goals=list(cmd.goal), partners=list(cmd.partner), budget=budget,
            effects=ExpectedEffects(jobs=cmd.jobs, citizens=cmd.citizens, competence=cmd.competence),
        )
        result = {"id": str(project._id), "ref": ref, "version": project._version,
                  "outside_strategy": project.outside_strategy}
        return [counter, project], result, meta

    def _change(self, name: str, cmd: Any, ctx: Context, ref: str, change: Change) -> dict[str, Any]:
        def action():
            org = self.organisation()
            project = self.load_project(ref)
            user = authorise(org, ctx.actor, CASEWORK, project.department)
            meta = self._meta(ctx, user)
            extra = change(project, meta, org) or {}
            result = {"id": id_text(project._id), "ref": project.ref, "version": project._version,  # not the
                      "status": project.status, **extra}  # library's id and version properties: Python calls
            return [project], result, meta

        if not ctx.command_id:  # only a command id's stored result is replayed, to an actor permitted
            return self._run(name, cmd, ctx, action)

        def permit() -> None:
            authorise(self.organisation(), ctx.actor, CASEWORK, self.load_project(ref).department)

        return self._run(name, cmd, ctx, action, str(self.resolve_ref(ref)), permit)  # target: named by the fingerprint

    def explore(self, ctx: Context, ref: str) -> dict[str, Any]:
        """R2: begin exploring an idea."""
        cmd = c.Command.parse()
        return self._change("project explore", cmd, ctx, ref, lambda p, meta, org: p.explore(meta))

    def submit(self, ctx: Context, ref: str, **values: Any) -> dict[str, Any]:
        """Put the project before a body for decision (R3 checked against the body's kind)."""
        cmd = c.Submit.parse(**values)

        def change(p: Project, meta: Meta, org: Organisation) -> None:
            threshold = self.strategy_on(meta.effective_date).approval_threshold
            p.submit_for_decision(org.body(cmd.body), threshold, meta)

        return self._change("project submit", cmd, ctx, ref, change)

    def decide(self, ctx: Context, ref: str, **values: Any) -> dict[str, Any]:
        """R12: record a decision from the minutes; conditions become obligations."""
        cmd = c.Decide.parse(**values)

        def change(p: Project, meta: Meta, org: Organisation) -> dict[str, Any]:
            today = meta.recorded_at.date()
            if cmd.meeting_date > today:
                self.after_today("meeting-date", cmd.meeting_date, today,
                                 "a decision is recorded from the minutes of a meeting held")
            ceiling = None
            if cmd.ceiling is not None:
                ceiling = self.amount(org, cmd.ceiling, cmd.currency, cmd.rate, field="ceiling").reporting
            decision = p.decide(
                body=org.body(cmd.body), outcome=cmd.outcome, meeting_date=cmd.meeting_date, item=cmd.item,
                strategy=self.strategy_on(cmd.meeting_date), meta=meta, case_number=cmd.case_number,
                ceiling=ceiling, in_force_on=cmd.effective, posted_on=cmd.posted,
                conditions=[Condition(t, d) for t, d in zip(cmd.condition, cmd.condition_due)],
            )
            return {"decision": decision.number, "purpose": decision.purpose,
                    "obligations": decision.obligation_keys,
                    "ceiling": str(decision.ceiling) if decision.ceiling is not None else None,
                    "appeal_ends": str(decision.appeal_ends) if decision.appeal_ends else None}

        return self._change("project decide", cmd, ctx, ref, change)

    def withdraw(self, ctx: Context, ref: str, **values: Any) -> dict[str, Any]:
        """Withdraw the case, with a reason."""
        cmd = c.Withdraw.parse(**values)
        ctx = Context(ctx.actor, ctx.command_id, cmd.reason, ctx.on)
        return self._change("project withdraw", cmd, ctx, ref, lambda p, meta, org: p.withdraw(meta))

    def fund(self, ctx: Context, ref: str, **values: Any) -> dict[str, Any]:
        """R4: commit the responsible department's own contribution."""
        cmd = c.Fund.parse(**values)

        def change(p: Project, meta: Meta, org: Organisation) -> None:
            amount = self.amount(org, cmd.own_contribution, cmd.currency, cmd.rate, field="own contribution")
            p.commit_own_contribution(amount, meta)

        return self._change("project fund", cmd, ctx, ref, change)

    def apply_for_funding(self, ctx: Context, ref: str, **values: Any) -> dict[str, Any]:
        """R5: apply to an external programme; prints the application key."""
        cmd = c.Apply.parse(**values)

        def change(p: Project, meta: Meta, org: Organisation) -> dict[str, Any]:
            amount = self.amount(org, cmd.amount, cmd.currency, cmd.rate)
            return {"application": p.apply_for_funding(cmd.programme, amount, meta, key=cmd.key)}

        return self._change("project apply", cmd, ctx, ref, change)

    def grant(self, ctx: Context, ref: str, **values: Any) -> dict[str, Any]:
        """The programme granted an application."""
        cmd = c.MoneyIn.parse(**values)

        def change(p: Project, meta: Meta, org: Organisation) -> None:
            p.grant_funding(cmd.application, self.amount(org, cmd.amount, cmd.currency, cmd.rate), meta)

        return self._change("project grant", cmd, ctx, ref, change)

    def reject_funding(self, ctx: Context, ref: str, **values: Any) -> dict[str, Any]:
        """The programme rejected an application."""
        cmd = c.OnApplication.parse(**values)
        return self._change(
            "project reject-funding", cmd, ctx, ref, lambda p, meta, org: p.reject_funding(cmd.application, meta)
        )

    def receive(self, ctx: Context, ref: str, **values: Any) -> dict[str, Any]:
        """Money from a granted application arrived."""
        cmd = c.MoneyIn.parse(**values)

        def change(p: Project, meta: Meta, org: Organisation) -> None:
            p.receive_funding(cmd.application, self.amount(org, cmd.amount, cmd.currency, cmd.rate), meta)

        return self._change("project receive", cmd, ctx, ref, change)

    def define_indicator(self, ctx: Context, ref: str, **values: Any) -> dict[str, Any]:
        """R6: define an indicator with its target."""
        cmd = c.Indicator.parse(**values)
        return self._change(
            "project indicator", cmd, ctx, ref,
            lambda p, meta, org: p.define_indicator(cmd.key, cmd.name, cmd.target, cmd.unit, meta),
        )

    def start(self, ctx: Context, ref: str) -> dict[str, Any]:
        """Start execution (R4, R6, R12)."""
        return self._change("project start", c.Command.parse(), ctx, ref, lambda p, meta, org: p.start(meta))

    def spend(self, ctx: Context, ref: str, **values: Any) -> dict[str, Any]:
        """Record an expenditure (R3 ceiling, R12 in force)."""
        cmd = c.Spend.parse(**values)

        def change(p: Project, meta: Meta, org: Organisation) -> dict[str, Any]:
            amount = self.amount(org, cmd.amount, cmd.currency, cmd.rate)
            p.record_expenditure(amount, cmd.category, cmd.description, meta)
            return {"spent": str(p.spent), "ceiling": str(p.ceiling)}

        return self._change("project spend", cmd, ctx, ref, change)

    def measure(self, ctx: Context, ref: str, **values: Any) -> dict[str, Any]:
        """R6: record a measurement against an indicator."""
        cmd = c.Measure.parse(**values)
        return self._change(
            "project measure", cmd, ctx, ref, lambda p, meta, org: p.record_measurement(cmd.key, cmd.value, meta)
        )

    def statement(self, ctx: Context, ref: str, **values: Any) -> dict[str, Any]:
        """R7: submit the project's annual statement for a year."""
        cmd = c.Statement.parse(**values)
        return self._change(
            "project statement", cmd, ctx, ref, lambda p, meta, org: p.submit_statement(cmd.year, cmd.text, meta)
        )

    def fulfil(self, ctx: Context, ref: str, obligation: str) -> dict[str, Any]:
        """R12: mark a decision's obligation fulfilled."""
        cmd = c.OnObligation.parse(obligation=obligation)
        return self._change("project fulfil", cmd, ctx, ref, lambda p, meta, org: p.fulfil(cmd.obligation, meta))

    def complete(self, ctx: Context, ref: str, **values: Any) -> dict[str, Any]:
        """Complete the project with its lessons learned (R8, R12)."""
        cmd = c.Complete.parse(**values)
        return self._change("project complete", cmd, ctx, ref, lambda p, meta, org: p.complete(cmd.lessons, meta))
