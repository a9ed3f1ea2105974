"""R11: ideas ranked by their fit with the strategy in force. Each factor is a small named object
that turns a candidate into points with the raw value behind them; a factor's contribution is its
points times its weight, and the score is the sum of the contributions, so the ranking explains
itself. Pure: no I/O, no clock."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

from domain.records import ExpectedEffects
from domain.strategy import StrategyVersion

POINTS = Decimal("0.0001")
DEFAULT_WEIGHTS: dict[str, Decimal] = {
    "primary": Decimal(3),
    "secondary": Decimal(1),
    "target_group": Decimal(1),
    "goal": Decimal(1),
    "effects": Decimal(1),
    "external_funding": Decimal(2),
    "partners": Decimal(1),
}
FACTOR_KEYS = tuple(DEFAULT_WEIGHTS)
PARTNER_POINTS = {"active": Decimal(1), "dormant": Decimal("0.5")}  # suspended, ended: 0 (R10)


@dataclass(frozen=True)
class Candidate:
    """What the ranking knows of a project; amounts in the reporting currency."""

    ref: str
    title: str
    status: str
    focus_areas: list[str]
    outside_strategy: bool
    target_groups: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    effects: ExpectedEffects = field(default_factory=ExpectedEffects)
    budget: Decimal | None = None
    external_expected: Decimal = Decimal(0)  # granted, plus applied for and not yet answered
    partner_statuses: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Measure:
    points: Decimal
    raw: str


@dataclass(frozen=True)
class Contribution:
    """One line of the explanation: the factor, its raw value, points, weight and contribution."""

    factor: str
    label: str
    raw: str
    points: Decimal
    weight: Decimal
    contribution: Decimal


@dataclass(frozen=True)
class Ranked:
    rank: int
    candidate: Candidate
    score: Decimal
    explanation: list[Contribution]
    flags: list[str]


def _points(value: Decimal) -> Decimal:
    return value.quantize(POINTS, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True)
class FocusAreaFit:
    """Focus areas of one priority the idea belongs to; at most `cap` count, so listing every area
    does not buy a rank."""

    key: str
    priority: str
    cap: int = 2

    @property
    def label(self) -> str:
        return f"{self.priority} focus areas"

    def measure(self, c: Candidate, s: StrategyVersion) -> Measure:
        keys = [k for k in c.focus_areas if (f := s.focus_area(k)) is not None and f.priority == self.priority]
        capped = f" (at most {self.cap} count)" if len(keys) > self.cap else ""
        return Measure(Decimal(min(len(keys), self.cap)), f"{len(keys)}{_listed(keys)}{capped}")


@dataclass(frozen=True)
class Reach:
    """Target groups reached or goals served, known to the strategy; at most `cap` count."""

    key: str
    label: str
    attribute: str
    cap: int = 3

    def measure(self, c: Candidate, s: StrategyVersion) -> Measure:
        known = {t.key for t in (s.target_groups if self.attribute == "target_groups" else s.goals)}
        keys = [k for k in getattr(c, self.attribute) if k in known]
        capped = f" (at most {self.cap} count)" if len(keys) > self.cap else ""
        return Measure(Decimal(min(len(keys), self.cap)), f"{len(keys)}{_listed(keys)}{capped}")


@dataclass(frozen=True)
class Effects:
    """Expected jobs, citizens reached and staff gaining competence; each scores x / (x + half),
    so it grows with the effect, is worth half a point at `half`, and never exceeds one point."""

    key: str = "effects"
    label: str = "expected effects"
    halves: tuple[tuple[str, int], ...] = (("jobs", 10), ("citizens", 500), ("competence", 10))

    def measure(self, c: Candidate, s: StrategyVersion) -> Measure:
        parts = [(name, getattr(c.effects, name), half) for name, half in self.halves]
        points = sum((Decimal(x) / Decimal(x + half) for _, x, half in parts), Decimal(0))
        return Measure(_points(points), ", ".join(f"{x} {name}" for name, x, _ in parts))


@dataclass(frozen=True)
class ExternalFunding:
    """R5: the expected external share of the budget against the strategy's target; reaching the
    target earns the full point. Without a budget the share is unknown and earns nothing."""

    key: str = "external_funding"
    label: str = "expected external funding"

    def measure(self, c: Candidate, s: StrategyVersion) -> Measure:
        target = s.external_funding_target
        if not c.budget:
            return Measure(Decimal(0), "no budget: share unknown")
        share = min(c.external_expected / c.budget, Decimal(1))
        points = min(share / target, Decimal(1)) if target > 0 else share
        return Measure(_points(points), f"{share:.0%} of the budget; target {target:.0%}")


@dataclass(frozen=True)
class PartnerStanding:
    """R10: named partners in good standing: active 1, dormant ½, suspended or ended 0; at most `cap`."""

    key: str = "partners"
    label: str = "partners"
    cap: int = 2

    def measure(self, c: Candidate, s: StrategyVersion) -> Measure:
        points = sum((PARTNER_POINTS.get(st, Decimal(0)) for st in c.partner_statuses.values()), Decimal(0))
        raw = ", ".join(f"{k} {st}" for k, st in c.partner_statuses.items()) or "none"
        return Measure(min(points, Decimal(self.cap)), raw)


FACTORS = (
    FocusAreaFit("primary", "primary"),
    FocusAreaFit("secondary", "secondary"),
    Reach("target_group", "target groups reached", "target_groups"),
    Reach("goal", "goals served", "goals"),
    Effects(),
    ExternalFunding(),
    PartnerStanding(),
)


def weights_from(ranking: dict[str, Decimal]) -> dict[str, Decimal]:
    """The strategy file's [ranking] weights over the defaults (keys a newer udsyn no longer has are
    ignored: an old strategy version still ranks)."""
    return {key: Decimal(ranking.get(key, default)) for key, default in DEFAULT_WEIGHTS.items()}


def explain(c: Candidate, strategy: StrategyVersion, weights: dict[str, Decimal]) -> list[Contribution]:
    """Every factor's line: raw value, points, weight and contribution (points × weight)."""
    lines = []
    for factor in FACTORS:
        m = factor.measure(c, strategy)
        weight = weights[factor.key]
        lines.append(Contribution(factor.key, factor.label, m.raw, m.points, weight, m.points * weight))
    return lines


def flags(c: Candidate) -> list[str]:
    """What a committee must see beside the score."""
    found = []
    if c.outside_strategy:
        found.append("R1: outside every focus area; exploring it needs a mandate (R2)")
    closed = [k for k, st in c.partner_statuses.items() if st in ("suspended", "ended")]
    if closed:
        found.append(f"R10: partner{'s' if len(closed) > 1 else ''} no longer open: {', '.join(closed)}")
    if not c.budget:
        found.append("R5: no budget estimate, so no expected external-funding share")
    return found


def score(c: Candidate, strategy: StrategyVersion, weights: dict[str, Decimal]) -> Decimal:
    return sum((line.contribution for line in explain(c, strategy, weights)), Decimal(0))


def rank(candidates: Iterable[Candidate], strategy: StrategyVersion, weights: dict[str, Decimal]) -> list[Ranked]:
    """Highest score first (ties by case reference); equal scores share a rank (1, 1, 3)."""
    scored = []
    for c in candidates:
        explanation = explain(c, strategy, weights)
        total = sum((line.contribution for line in explanation), Decimal(0))
        scored.append((total, c, explanation))
    scored.sort(key=lambda item: (-item[0], item[1].ref))
    ranked: list[Ranked] = []
    for position, (total, c, explanation) in enumerate(scored, start=1):
        shared = ranked and ranked[-1].score == total
        ranked.append(Ranked(ranked[-1].rank if shared else position, c, total, explanation, flags(c)))
    return ranked


def _listed(keys: list[str]) -> str:
    return f" ({', '.join(keys)})" if keys else ""
