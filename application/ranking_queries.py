"""Read-side use cases for choosing between ideas: the ranking (R11) and the strategy's coverage
(which projects serve each focus area, target group and goal, and which goals nobody serves)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from decimal import Decimal
from typing import TYPE_CHECKING

from application.authorisation import READ
from application.partnership_queries import PartnershipQueries
from domain.errors import InvalidInput, NotFound
from domain.project import REJECTED, STATUSES, WITHDRAWN, Project
from domain.strategy import StrategyVersion

if TYPE_CHECKING:
    from domain import ranking

CANDIDATES = ("idea", "exploration")
NOT_SERVING = (REJECTED, WITHDRAWN)


@dataclass(frozen=True)
class Ranking:
    strategy: StrategyVersion
    weights: dict[str, Decimal]
    ranked: list[ranking.Ranked]


@dataclass(frozen=True)
class Served:
    """One focus area, target group or goal of the strategy and the projects serving it."""

    kind: str
    key: str
    name: str
    projects: list[Project]


@dataclass(frozen=True)
class Coverage:
    strategy: StrategyVersion
    rows: list[Served]

    @property
    def unserved(self) -> list[Served]:
        return [row for row in self.rows if not row.projects]


class RankingQueries(PartnershipQueries):
    def rank_portfolio(self, actor: str, statuses: list[str] | None = None, on: date | None = None) -> Ranking:
        """R11: candidates (ideas and explorations by default) ranked by fit with the strategy in force."""
        from domain import ranking  # loaded when ranking is asked for, not by every command

        self.authorised(actor, READ)
        statuses = list(statuses or CANDIDATES)
        for status in statuses:
            if status not in STATUSES:
                raise InvalidInput("status", f"'{status}' is not one of {', '.join(STATUSES)}")
        strategy = self.strategy_on(on or self.clock.now().date())
        weights = ranking.weights_from(strategy.ranking)
        projects = [p for p in self.all_projects() if p.status in statuses]
        partner_status = cache(self._partner_status)  # many ideas name the same few partners
        candidates = [self.candidate(p, partner_status) for p in projects]
        return Ranking(strategy, weights, ranking.rank(candidates, strategy, weights))

    def strategy_coverage(self, actor: str, on: date | None = None) -> Coverage:
        """Per focus area, target group and goal of the version in force: the projects serving it
        (all but rejected and withdrawn ones)."""
        self.authorised(actor, READ)
        strategy = self.strategy_on(on or self.clock.now().date())
        projects = [p for p in self.all_projects() if p.status not in NOT_SERVING]
        rows = [Served("focus_area", f.key, f.name, [p for p in projects if f.key in p.focus_areas])
                for f in strategy.focus_areas]
        rows += [Served("target_group", t.key, t.name, [p for p in projects if t.key in p.target_groups])
                 for t in strategy.target_groups]
        rows += [Served("goal", g.key, g.name, [p for p in projects if g.key in p.goals]) for g in strategy.goals]
        return Coverage(strategy, rows)

    def all_projects(self) -> list[Project]:
        return [self.repository.get(i) for i in self.project_ids()]

    def candidate(self, p: Project, partner_status: Callable[[str], str] | None = None) -> ranking.Candidate:
        """What the ranking weighs of a project: expected external funding is what was granted plus
        what is applied for and not yet answered (rejected applications count for nothing)."""
        from domain import ranking

        expected = sum(
            (a.granted.reporting if a.granted else a.applied.reporting
             for a in p.applications.values() if a.status != "rejected"),
            Decimal(0),
        )
        return ranking.Candidate(
            ref=p.ref, title=p.title, status=p.status, focus_areas=list(p.focus_areas),
            outside_strategy=p.outside_strategy, target_groups=list(p.target_groups), goals=list(p.goals),
            effects=p.effects, budget=p.estimate_or_none, external_expected=expected,
            partner_statuses={key: (partner_status or self._partner_status)(key) for key in p.partners},
        )

    def _partner_status(self, key: str) -> str:
        try:
            return self.load_partnership(key).status
        except NotFound:  # named before partners were kept in udsyn
            return "unknown"
