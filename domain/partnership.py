"""R10: partnerships outlive projects: twin towns, partner schools, business partners, each with a
status history of dated reasons and the people to contact."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.base import UdsynAggregate, deterministic_id
from domain.errors import InvalidInput, NotFound, RuleViolation
from domain.meta import Meta

KINDS = ("twin-town", "school", "business", "university", "authority", "ngo")
STATUSES = ("active", "dormant", "suspended", "ended")
CLOSED_TO_NEW_PROJECTS = ("suspended", "ended")


def partnership_id(key: str) -> UUID:
    return deterministic_id("partnership", key)


def since(established: str) -> date:
    """The first day of an establishment given as YYYY, YYYY-MM or YYYY-MM-DD ("sedan 1973")."""
    parts = established.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(int(parts[0]), 1, 1)
        if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
        return date.fromisoformat(established)
    except ValueError:
        raise InvalidInput("established", f"'{established}' is not YYYY, YYYY-MM or YYYY-MM-DD") from None


@dataclass(frozen=True)
class StatusChange:
    """One entry of the status history: the status, from which date, and why."""

    status: str
    on: date
    reason: str | None


@dataclass(frozen=True)
class ContactPerson:
    name: str
    title: str | None = None
    email: str | None = None
    phone: str | None = None


class Partnership(UdsynAggregate):
    """A partner of the municipality (name, country, kind), established on a date, with its history."""

    class Added(UdsynAggregate.Created):
        key: str
        name: str
        country: str
        kind: str
        established: str | None
        description: str
        status: StatusChange

        def apply(self, p: Partnership) -> None:
            p.key, p.name, p.country, p.kind = self.key, self.name, self.country, self.kind
            p.established, p.description = self.established, self.description
            p.history, p.contacts = [self.status], {}

    class StatusChanged(UdsynAggregate.Event):
        change: StatusChange

        def apply(self, p: Partnership) -> None:
            p.history = [*p.history, self.change]

    class ContactAdded(UdsynAggregate.Event):
        contact: ContactPerson

        def apply(self, p: Partnership) -> None:
            p.contacts = {**p.contacts, self.contact.name: self.contact}

    class ContactRemoved(UdsynAggregate.Event):
        name: str

        def apply(self, p: Partnership) -> None:
            p.contacts = {k: v for k, v in p.contacts.items() if k != self.name}

    @classmethod
    def add(
        cls,
        *,
        key: str,
        name: str,
        country: str,
        kind: str,
        meta: Meta,
        established: str | None = None,
        description: str = "",
        status: str = "active",
    ) -> Partnership:
        """Register a partner; its first status runs from its establishment (or the effective date)."""
        if kind not in KINDS:
            raise InvalidInput("kind", f"'{kind}' is not one of {', '.join(KINDS)}")
        _known_status(status)
        if not name.strip():
            raise InvalidInput("name", "must not be empty")
        first_day = since(established) if established else meta.effective_date
        if first_day > meta.effective_date:
            raise InvalidInput("established", f"{established} lies after the effective date {meta.effective_date}")
        return cls._create_with(cls.Added, partnership_id(key), meta, dict(
            key=key,
            name=name.strip(),
            country=country,
            kind=kind,
            established=established,
            description=description,
            status=StatusChange(status, first_day, meta.reason),
        ))

    def change_status(self, status: str, meta: Meta) -> None:
        """R10: a new status from the effective date, with its reason; the history stays in date order."""
        _known_status(status)
        if not (meta.reason or "").strip():
            raise InvalidInput("reason", "a status change states its reason (R10: dated reasons)")
        if status == self.status:
            raise RuleViolation("R10", f"partner '{self.key}' is already {status} (since {self.current.on})")
        if meta.effective_date < self.current.on:
            raise RuleViolation(
                "R10",
                f"a status change dated {meta.effective_date} would precede the current status"
                f" ({self.status} since {self.current.on}); the history is kept in date order",
            )
        self._record(self.StatusChanged, meta, change=StatusChange(status, meta.effective_date, meta.reason.strip()))

    def add_contact(self, contact: ContactPerson, meta: Meta) -> None:
        """Record a contact person at the partner; names are unique within a partner."""
        if not contact.name.strip():
            raise InvalidInput("name", "must not be empty")
        if contact.name in self.contacts:
            raise RuleViolation(None, f"partner '{self.key}' already has a contact named '{contact.name}'")
        self._record(self.ContactAdded, meta, contact=contact)

    def remove_contact(self, name: str, meta: Meta) -> None:
        """A contact person who is no longer the partner's contact."""
        if name not in self.contacts:
            raise NotFound(f"partner '{self.key}' has no contact named '{name}'")
        self._record(self.ContactRemoved, meta, name=name)

    def check_may_join_new_project(self) -> None:
        """R10: a suspended or ended partnership cannot be named by a new project."""
        if self.status in CLOSED_TO_NEW_PROJECTS:
            reason = f": {self.current.reason}" if self.current.reason else ""
            raise RuleViolation(
                "R10",
                f"partner '{self.key}' ({self.name}) is {self.status} since {self.current.on}{reason};"
                " it cannot be named by a new project",
            )

    @property
    def current(self) -> StatusChange:
        return self.history[-1]

    @property
    def status(self) -> str:
        return self.current.status

    def status_on(self, day: date) -> str | None:
        """The status in force on `day` (None before the partnership began)."""
        in_force = [c for c in self.history if c.on <= day]
        return in_force[-1].status if in_force else None


def _known_status(status: str) -> None:
    if status not in STATUSES:
        raise InvalidInput("status", f"'{status}' is not one of {', '.join(STATUSES)}")
