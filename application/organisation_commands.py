"""Use cases that set up the organisation (R9) and adopt the strategy (R1, R3, R5)."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from application.app import UdsynCore
from application.authorisation import ORGANISE
from application.commands import models
from application.context import Context
from domain.errors import RuleViolation
from domain.organisation import Organisation, User
from domain.strategy import FocusArea, Strategy, StrategyVersion, Term

c = models("org")


class OrganisationCommands(UdsynCore):
    def init(self, ctx: Context, **values: Any) -> dict[str, Any]:
        """Set up the municipality; the acting user becomes its first admin."""
        cmd = c.Init.parse(**values)

        def action():
            if Organisation.ID in self.repository:
                self.authorised(ctx.actor, ORGANISE)  # R9: a non-admin learns only that they may not
                raise RuleViolation(None, "this database already holds an organisation")
            meta = self._meta(ctx, User(ctx.actor, "admin"))
            org = Organisation.found(
                name=cmd.municipality, code=cmd.code, country=cmd.country,
                currency=cmd.currency, language=cmd.language, meta=meta,
            )
            return [org], {"id": str(org.id), "code": org.code, "version": org.version, "admin": ctx.actor}, meta

        return self._run("init", cmd, ctx, action)

    def _change_org(self, name: str, cmd: Any, ctx: Context, change: Any) -> dict[str, Any]:
        def action():
            org, user = self.authorised(ctx.actor, ORGANISE, for_change=True)
            meta = self._meta(ctx, user)
            change(org, meta)
            return [org], {"id": str(org.id), "version": org.version}, meta

        return self._run(name, cmd, ctx, action, permit=lambda: self.authorised(ctx.actor, ORGANISE))

    def add_body(self, ctx: Context, **values: Any) -> dict[str, Any]:
        """Register a political body or the delegated official (kind `official`)."""
        cmd = c.AddBody.parse(**values)
        return self._change_org("org add-body", cmd, ctx, lambda org, meta: org.add_body(cmd.key, cmd.name, cmd.kind, meta))

    def add_department(self, ctx: Context, **values: Any) -> dict[str, Any]:
        """Register a department under its board."""
        cmd = c.AddDepartment.parse(**values)
        return self._change_org(
            "org add-department", cmd, ctx, lambda org, meta: org.add_department(cmd.key, cmd.name, cmd.board, meta)
        )

    def add_user(self, ctx: Context, **values: Any) -> dict[str, Any]:
        """Register a user with a role (and, for an officer, departments)."""
        cmd = c.AddUser.parse(**values)
        return self._change_org(
            "org add-user", cmd, ctx, lambda org, meta: org.add_user(cmd.name, cmd.role, list(cmd.department), meta)
        )

    def appoint(self, ctx: Context, **values: Any) -> dict[str, Any]:
        """Change the departments an officer is appointed to."""
        cmd = c.Appoint.parse(**values)
        return self._change_org("org appoint", cmd, ctx, lambda org, meta: org.appoint(cmd.name, list(cmd.department), meta))

    def adopt_strategy(self, ctx: Context, content: dict[str, Any], **values: Any) -> dict[str, Any]:
        """Adopt (or revise) the strategy from a parsed strategy file, by a body on a date."""
        spec = c.StrategyFile.parse(**content)
        cmd = c.AdoptStrategy.parse(**values, strategy=spec)

        def action():
            org, user = self.authorised(ctx.actor, ORGANISE)
            org.body(cmd.body)
            org.body(spec.approval_body)
            meta = replace(self._meta(ctx, user), effective_date=cmd.date)
            strategy = self.strategy(for_change=True)
            version = self._version(spec, cmd, strategy.next_version if strategy else 1)
            if strategy is None:
                strategy = Strategy.adopt(version, meta)
            else:
                strategy.revise(version, meta)
            result = {"id": str(strategy.id), "version": version.version, "adopted_on": str(cmd.date)}
            return [strategy], result, meta

        return self._run("strategy adopt", cmd, ctx, action, permit=lambda: self.authorised(ctx.actor, ORGANISE))

    @staticmethod
    def _version(spec: Any, cmd: Any, number: int) -> StrategyVersion:
        return StrategyVersion(
            version=number,
            adopted_on=cmd.date,
            body=cmd.body,
            title=spec.title,
            vision=spec.vision,
            approval_threshold=spec.approval_threshold,
            approval_body=spec.approval_body,
            external_funding_target=spec.external_funding_target,
            appeal_window_days=spec.appeal_window_days,
            statement_due=spec.statement_due,
            focus_areas=[FocusArea(f.key, f.name, f.priority) for f in spec.focus_areas],
            target_groups=[Term(t.key, t.name) for t in spec.target_groups],
            goals=[Term(g.key, g.name) for g in spec.goals],
            ranking=dict(spec.ranking),
        )
