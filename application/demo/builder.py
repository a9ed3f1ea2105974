"""A demo history as a timeline: dated steps through the use cases, run in date order with the
clock moved before each, so recorded times and effective dates read like a real case file."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any

from application.clock import FixedClock
from application.context import Context

if TYPE_CHECKING:
    from application.service import Udsyn

TODAY = date(2026, 11, 20)  # the demo's "today": the history ends here
WORKDAY_STARTS = time(8, 0)
BETWEEN_STEPS = timedelta(minutes=7)
Action = Callable[[Context], Any]


@dataclass(frozen=True)
class Step:
    day: date
    order: int
    actor: str
    action: Action
    reason: str | None = None


@dataclass
class Timeline:
    """Collects dated steps in any order; `run` applies them in date order (ties: as written)."""

    app: Udsyn
    steps: list[Step] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not isinstance(self.app.clock, FixedClock):
            raise TypeError("a demo is built on an app whose clock is a FixedClock")

    def on(self, day: str, actor: str, action: Action, reason: str | None = None) -> None:
        """Schedule one use-case call on a day (ISO date)."""
        self.steps.append(Step(date.fromisoformat(day), len(self.steps), actor, action, reason))

    def case(self, day: str, actor: str, **registration: Any) -> Case:
        """Schedule a project's registration; its case reference is known once that step has run."""
        case = Case(self, actor)

        def register(ctx: Context) -> None:
            case.ref = self.app.register_project(ctx, **registration)["ref"]

        self.on(day, actor, register)
        return case

    def run(self, today: date) -> None:
        """Apply every step in date order, then leave the clock at the end of `today`."""
        clock: FixedClock = self.app.clock
        last_day, nth = None, 0
        for step in sorted(self.steps, key=lambda s: (s.day, s.order)):
            if step.day > today:
                raise ValueError(f"demo step dated {step.day} lies after the demo's today ({today})")
            nth = nth + 1 if step.day == last_day else 0
            last_day = step.day
            clock.set(datetime.combine(step.day, WORKDAY_STARTS, timezone.utc) + nth * BETWEEN_STEPS)
            step.action(Context(actor=step.actor, reason=step.reason, on=step.day))
        clock.set(datetime.combine(today, time(16, 0), timezone.utc))


@dataclass
class Case:
    """One project of the demo, scheduled step by step."""

    timeline: Timeline
    actor: str
    ref: str | None = None

    def then(self, day: str, use_case: str, *, actor: str | None = None, why: str | None = None,
             **values: Any) -> Case:
        """Schedule `app.<use_case>(ctx, ref, **values)` on `day`; `why` is the event's reason."""
        method = getattr(self.timeline.app, use_case)
        self.timeline.on(day, actor or self.actor, lambda ctx: method(ctx, self.ref, **values), why)
        return self


@dataclass(frozen=True)
class Municipality:
    """The municipality as the demo sets it up: bodies, departments, users and who adopted the strategy."""

    municipality: str
    code: str
    country: str
    currency: str
    language: str
    bodies: list[tuple[str, str, str]]  # key, name, kind
    departments: list[tuple[str, str, str]]  # key, name, board
    users: list[tuple[str, str, list[str]]]  # name, role, departments
    adopted_by: str
    adopted_on: date


def organise(t: Timeline, day: str, admin: str, org: Municipality, strategy: dict[str, Any]) -> None:
    """Schedule init (the admin), bodies, departments, users and the strategy's adoption.
    A demo user named like the admin is left out: the admin may do their work."""
    app = t.app
    t.on(day, admin, lambda c: app.init(c, municipality=org.municipality, code=org.code, country=org.country,
                                        currency=org.currency, language=org.language))
    for key, name, kind in org.bodies:
        t.on(day, admin, lambda c, key=key, name=name, kind=kind:
             app.add_body(c, key=key, name=name, kind=kind))
    for key, name, board in org.departments:
        t.on(day, admin, lambda c, key=key, name=name, board=board:
             app.add_department(c, key=key, name=name, board=board))
    for name, role, departments in org.users:
        if name != admin:
            t.on(day, admin, lambda c, name=name, role=role, departments=departments:
                 app.add_user(c, name=name, role=role, department=departments))
    t.on(day, admin, lambda c: app.adopt_strategy(c, strategy, body=org.adopted_by, date=org.adopted_on))



@dataclass(frozen=True)
class Partner:
    """A partner of the demo's contact network (R10), its dated status history and contacts."""

    key: str
    name: str
    country: str
    kind: str
    established: str | None = None
    description: str = ""
    history: tuple[tuple[str, str, str], ...] = ()  # (from date, status, reason)
    contacts: tuple[dict[str, str], ...] = ()


def network(t: Timeline, day: str, actor: str, partners: list[Partner]) -> None:
    """Schedule the partners' registration on `day`; a status change dated earlier is recorded that
    day with its own effective date (what was true then, known now), a later one on its date."""
    app = t.app
    for p in partners:
        t.on(day, actor, lambda c, p=p: app.add_partner(
            c, key=p.key, name=p.name, country=p.country, kind=p.kind, established=p.established,
            description=p.description))
        for contact in p.contacts:
            t.on(day, actor, lambda c, p=p, contact=contact: app.add_contact(c, key=p.key, **contact))
        for on, status, reason in p.history:
            t.on(max(day, on), actor, lambda c, p=p, on=on, status=status: app.set_partner_status(
                replace(c, on=date.fromisoformat(on)), key=p.key, status=status), reason)
