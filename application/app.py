"""The udsyn application: the event store, loading, authorising, idempotent saving."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError
from eventsourcing.utils import get_topic

from application.authorisation import authorise
from application.clock import Clock, SystemClock
from application.closed_years import ClosedYears
from application.context import Context
from application.validation import Command
from domain.base import UdsynAggregate
from domain.command_record import CommandRecord, command_record_id
from domain.errors import ConcurrentChange, DuplicateCommand, NotFound, RuleViolation
from domain.meta import Meta
from domain.money import Amount
from domain.organisation import Organisation, User
from domain.project import Project, project_id
from domain.strategy import Strategy, StrategyVersion

Action = Callable[[], tuple[list[UdsynAggregate], dict[str, Any], Meta]]


class UdsynCore(Application):
    """Infrastructure-neutral core; the event store comes from the environment (--db)."""

    name = "udsyn"
    snapshotting_intervals = {Project: 50}

    def __init__(self, env: dict[str, str] | None = None, clock: Clock | None = None) -> None:
        super().__init__(env)
        self.clock: Clock = clock or SystemClock()
        self.closed_years = ClosedYears(self)

    # --- running a command ------------------------------------------------------------------

    def _run(
        self,
        name: str,
        cmd: Command,
        ctx: Context,
        action: Action,
        target: str | None = None,
        permit: Callable[[], object] | None = None,
    ) -> dict[str, Any]:
        """Apply a command once: replay the stored result for a known command id (to an actor
        `permit` allows), else save its events and the command record in one transaction."""
        fingerprint = self._fingerprint(name, cmd, target)
        if ctx.command_id:
            prior = self._prior_result(ctx.command_id, name, fingerprint)
            if prior is not None:
                if permit is not None:
                    permit()
                return prior
        aggregates, result, meta = action()
        self.closed_years.check(aggregates, meta.correction)  # R7
        if ctx.command_id:
            aggregates.append(CommandRecord.applied(name, fingerprint, result, meta))
        try:
            self.save(*aggregates)
        except IntegrityError:
            if ctx.command_id:
                prior = self._prior_result(ctx.command_id, name, fingerprint)
                if prior is not None:
                    return prior
            what = next((getattr(a, "ref", None) for a in aggregates if isinstance(a, Project)), None)
            raise ConcurrentChange(what or "the record") from None
        return result

    @staticmethod
    def _fingerprint(name: str, cmd: Command, target: str | None = None) -> str:
        body = json.dumps([name, target, cmd.model_dump(mode="json")], sort_keys=True, default=str)
        return hashlib.sha256(body.encode()).hexdigest()

    def _prior_result(self, command_id: str, name: str, fingerprint: str) -> dict[str, Any] | None:
        try:
            record: CommandRecord = self.repository.get(command_record_id(command_id))
        except AggregateNotFoundError:
            return None
        if record.command != name or record.fingerprint != fingerprint:
            raise DuplicateCommand(
                f"command id '{command_id}' was already used for a different command ({record.command})"
            )
        return {**record.result, "replayed": True}

    def _meta(self, ctx: Context, user: User) -> Meta:
        now = self.clock.now()
        return Meta(
            actor=user.name,
            role=user.role,
            command_id=ctx.command_id or uuid4().hex,
            recorded_at=now,
            effective_date=ctx.on or now.date(),
            reason=ctx.reason,
            correction=self.closed_years.correction(ctx.correction_of),
        )

    # --- loading ----------------------------------------------------------------------------

    def organisation(self) -> Organisation:
        try:
            return self.repository.get(Organisation.ID)
        except AggregateNotFoundError:
            raise NotFound("no organisation here yet; run 'udsyn init' first") from None

    def strategy(self) -> Strategy | None:
        try:
            return self.repository.get(Strategy.ID)
        except AggregateNotFoundError:
            return None

    def strategy_on(self, day: Any) -> StrategyVersion:
        strategy = self.strategy()
        if strategy is None:
            raise RuleViolation("R1", "no strategy adopted yet; run 'udsyn strategy adopt FILE.toml'")
        return strategy.in_force_on(day)

    def load_project(self, ref: str, version: int | None = None) -> Project:
        try:
            return self.repository.get(self.resolve_ref(ref), version=version)
        except AggregateNotFoundError:
            raise NotFound(f"no project '{ref}'") from None

    @staticmethod
    def resolve_ref(ref: str) -> UUID:
        """A case reference (KAL-2026-0001) or the project's id."""
        try:
            return UUID(ref)
        except ValueError:
            return project_id(ref.strip().upper())

    def amount(self, org: Organisation, value: Any, currency: str | None, rate: Any, field: str = "amount") -> Amount:
        return Amount.of(value, currency or org.currency, org.currency, rate, field=field)

    def authorised(self, actor: str, permission: str, department: str | None = None) -> tuple[Organisation, User]:
        org = self.organisation()
        return org, authorise(org, actor, permission, department)

    def topic_of(self, event_class: type) -> str:
        return get_topic(event_class)
