"""Use cases on the contact network (R10): add a partner, change its status, keep its contacts."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from eventsourcing.application import AggregateNotFoundError

from application.app import UdsynCore
from application.authorisation import CASEWORK
from application.commands import models
from application.context import Context
from domain.errors import InvalidInput, NotFound, RuleViolation
from domain.meta import Meta

if TYPE_CHECKING:
    from domain.partnership import Partnership

c = models("partner")


class PartnershipCommands(UdsynCore):
    """Any case worker keeps the contact network: partnerships belong to no one department."""

    def add_partner(self, ctx: Context, **values: Any) -> dict[str, Any]:
        """Register a partner: twin town, school, business organisation, university, authority or NGO."""
        cmd = c.AddPartner.parse(**values)
        from domain.partnership import Partnership, partnership_id  # loaded when partners are used

        def action():
            _, user = self.authorised(ctx.actor, CASEWORK)
            if partnership_id(cmd.key) in self.repository:
                raise RuleViolation("R10", f"partner '{cmd.key}' already exists")
            meta = self._meta(ctx, user)
            p = Partnership.add(key=cmd.key, name=cmd.name, country=cmd.country, kind=cmd.kind, meta=meta,
                                established=cmd.established, description=cmd.description, status=cmd.status)
            return [p], self._summary(p), meta

        return self._run("partner add", cmd, ctx, action, permit=lambda: self.authorised(ctx.actor, CASEWORK))

    def set_partner_status(self, ctx: Context, **values: Any) -> dict[str, Any]:
        """R10: a new status (active, dormant, suspended, ended) from a date, with its reason."""
        cmd = c.SetPartnerStatus.parse(**values)
        return self._change_partner("partner set-status", cmd, ctx, lambda p, meta: p.change_status(cmd.status, meta))

    def add_contact(self, ctx: Context, **values: Any) -> dict[str, Any]:
        """Record a contact person at a partner."""
        cmd = c.AddContact.parse(**values)
        from domain.partnership import ContactPerson

        contact = ContactPerson(cmd.name, cmd.title, cmd.email, cmd.phone)
        return self._change_partner("partner add-contact", cmd, ctx, lambda p, meta: p.add_contact(contact, meta))

    def remove_contact(self, ctx: Context, **values: Any) -> dict[str, Any]:
        """Remove a contact person who no longer represents the partner."""
        cmd = c.RemoveContact.parse(**values)
        return self._change_partner("partner remove-contact", cmd, ctx,
                                    lambda p, meta: p.remove_contact(cmd.name, meta))

    def load_partnership(self, key: str) -> Partnership:
        from domain.partnership import partnership_id

        try:
            return self.get(partnership_id(key))
        except AggregateNotFoundError:
            raise NotFound(f"no partner '{key}' (see 'udsyn partner list')") from None

    def partners_for_new_project(self, keys: list[str]) -> list[Partnership]:
        """R10: the partners a new project names must exist and be neither suspended nor ended."""
        if len(set(keys)) != len(keys):
            raise InvalidInput("partner", "a partner is named twice")
        partners = [self.load_partnership(key) for key in keys]
        for partner in partners:
            partner.check_may_join_new_project()
        return partners

    def _change_partner(self, name: str, cmd: Any, ctx: Context,
                        change: Callable[[Partnership, Meta], None]) -> dict[str, Any]:
        def action():
            _, user = self.authorised(ctx.actor, CASEWORK)
            p = self.load_partnership(cmd.key)
            meta = self._meta(ctx, user)
            change(p, meta)
            return [p], self._summary(p), meta

        return self._run(name, cmd, ctx, action, target=cmd.key,
                         permit=lambda: self.authorised(ctx.actor, CASEWORK))

    @staticmethod
    def _summary(p: Partnership) -> dict[str, Any]:
        return {"id": str(p.id), "key": p.key, "version": p.version, "status": p.status,
                "since": str(p.current.on)}
