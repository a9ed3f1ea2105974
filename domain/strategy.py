"""The international strategy: adopted by a body on a date, revised by later adoptions (R1, R3, R5)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

from domain.base import UdsynAggregate, deterministic_id
from domain.errors import RuleViolation
from domain.meta import Meta

PRIORITIES = ("primary", "secondary")


@dataclass(frozen=True)
class FocusArea:
    key: str
    name: str
    priority: str


@dataclass(frozen=True)
class Term:
    """A target group or a goal: a key and its wording in the strategy."""

    key: str
    name: str



@dataclass(frozen=True)
class StrategyVersion:
    """One adopted version of the strategy, as the body adopted it."""

    version: int
    adopted_on: date
    body: str
    title: str
    vision: str
    approval_threshold: Decimal
    approval_body: str
    external_funding_target: Decimal
    appeal_window_days: int
    statement_due: str
    focus_areas: list[FocusArea]

    target_groups: list[Term] = field(default_factory=list)
    goals: list[Term] = field(default_factory=list)
    ranking: dict[str, Decimal] = field(default_factory=dict)

    def focus_area(self, key: str) -> FocusArea | None:
        return next((f for f in self.focus_areas if f.key == key), None)

    def check_keys(self, focus_areas: list[str], target_groups: list[str], goals: list[str]) -> None:
        """R1: a project refers only to focus areas, target groups and goals of this version."""
        asked = (focus_areas, target_groups, goals)
        if all(map(frozenset.issuperset, self._known_keys, asked)):
            return
        for kind, keys, known in zip(("focus area", "target group", "goal"), asked, self._known_keys):
            for key in keys:
                if key not in known:
                    raise RuleViolation(
                        "R1",
                        f"{kind} '{key}' is not in the strategy in force (version {self.version},"
                        f" adopted {self.adopted_on}); known: {', '.join(sorted(known)) or 'none'}",
                    )

    @cached_property  # every registration asks; an adopted version never changes
    def _known_keys(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """The keys of its focus areas, target groups and goals. Kept in the instance's __dict__,
        outside its fields: equality, hashing and the stored form see only the fields."""
        return (frozenset(f.key for f in self.focus_areas), frozenset(t.key for t in self.target_groups),
                frozenset(g.key for g in self.goals))

    def statement_due_for(self, year: int) -> date:
        """R7: the annual statement for `year` is due on this date of the following year.

        Adoption refuses a day missing from some year; a version stored before it did (`02-29`,
        `02-30`) is read as the last day of its month in a year without that day, so history replays."""
        month, day = (int(p) for p in self.statement_due.split("-"))
        try:
            return date(year + 1, month, day)
        except ValueError:
            return date(year + 1 + month // 12, month % 12 + 1, 1) - timedelta(days=1)


class Strategy(UdsynAggregate):
    """All adopted versions; a decision is judged against the version in force on its date."""

    ID = deterministic_id("strategy")

    class Adopted(UdsynAggregate.Created):
        content: StrategyVersion

        def apply(self, strategy: Strategy) -> None:
            strategy.versions = [self.content]

    class Revised(UdsynAggregate.Event):
        content: StrategyVersion

        def apply(self, strategy: Strategy) -> None:
            strategy.versions = [*strategy.versions, self.content]

    @classmethod
    def adopt(cls, content: StrategyVersion, meta: Meta) -> Strategy:
        """The first adoption of a strategy."""
        return cls._create_with(cls.Adopted, cls.ID, meta, dict(content=content))

    def revise(self, content: StrategyVersion, meta: Meta) -> None:
        """A later adoption; the earlier versions stay in force for their own dates."""
        if any(v.adopted_on == content.adopted_on for v in self.versions):
            raise RuleViolation(None, f"a version was already adopted on {content.adopted_on}")
        self._record(self.Revised, meta, content=content)

    @property
    def next_version(self) -> int:
        return len(self.versions) + 1

    def in_force_on(self, day: date) -> StrategyVersion:
        """The version adopted most recently on or before `day`."""
        candidates = [v for v in self.versions if v.adopted_on <= day]
        if not candidates:
            first = min(v.adopted_on for v in self.versions)
            raise RuleViolation("R1", f"no strategy was in force on {day} (first adopted {first})")
        return max(candidates, key=lambda v: v.adopted_on)
