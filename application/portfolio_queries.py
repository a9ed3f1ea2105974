"""`project list` from the portfolio read model: filtered, and honest about how fresh it is."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from application.app import UdsynCore
from application.authorisation import ALLOWED, READ, REPORT
from domain.errors import InvalidInput
from domain.project import STATUSES


class PortfolioView(Protocol):
    """The portfolio projection as the application needs it (infrastructure provides it)."""

    def catch_up(self) -> None: ...
    def standing(self) -> tuple[int, int]: ...  # (the view's position, the newest event's position)
    def rows(self) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class PortfolioListing:
    """Selected projects as of `on`, and the positions that say how fresh the list is."""

    position: int
    head: int
    on: date
    projects: list[dict[str, Any]]

    @property
    def stale(self) -> bool:
        return self.position < self.head

    def as_json(self) -> dict[str, Any]:
        return {"position": self.position, "head": self.head, "stale": self.stale, "on": self.on,
                "projects": self.projects}


class PortfolioQueries(UdsynCore):
    def list_portfolio(
        self,
        actor: str,
        view: PortfolioView,
        *,
        status: str | None = None,
        board: str | None = None,
        department: str | None = None,
        focus_area: str | None = None,
        overdue: bool = False,
        on: date | None = None,
    ) -> PortfolioListing:
        """Projects from the portfolio, caught up first when the actor may run the reporting job."""
        org, user = self.authorised(actor, READ)
        self._check_filters(org, status, board, department, focus_area)
        if user.role in ALLOWED[REPORT]:
            view.catch_up()
        position, head = view.standing()
        on = on or self.clock.now().date()
        projects = [
            listed(row, on) for row in view.rows()
            if (status is None or row["status"] == status)
            and (board is None or row["board"] == board)
            and (department is None or row["department"] == department)
            and (focus_area is None or focus_area in row["focus_areas"])
        ]
        if overdue:
            projects = [p for p in projects if p["overdue_obligations"]]
        return PortfolioListing(position, head, on, projects)

    def _check_filters(self, org: Any, status: str | None, board: str | None, department: str | None,
                       focus_area: str | None) -> None:
        if status is not None and status not in STATUSES:
            raise InvalidInput("status", f"'{status}' is not one of {', '.join(STATUSES)}")
        if board is not None and (board not in org.bodies or not org.bodies[board].is_political):
            raise InvalidInput("board", f"no board '{board}'")
        if department is not None and department not in org.departments:
            raise InvalidInput("department", f"no department '{department}'")
        if focus_area is not None:
            strategy = self.strategy()
            known = {f.key for v in (strategy.versions if strategy else []) for f in v.focus_areas}
            if focus_area not in known:
                raise InvalidInput("focus-area", f"no focus area '{focus_area}' in any version of the strategy")


def listed(row: dict[str, Any], on: date) -> dict[str, Any]:
    """One project of `project list --json`: the documented, stable shape (README)."""
    overdue = [
        o["key"] for o in row["obligations"]
        if o["fulfilled_on"] is None and date.fromisoformat(o["due"]) < on
    ]
    return {
        "ref": row["ref"], "id": row["project_id"], "title": row["title"], "status": row["status"],
        "department": row["department"], "board": row["board"], "focus_areas": row["focus_areas"],
        "outside_strategy": row["outside_strategy"], "budget": row["budget"], "ceiling": row["ceiling"],
        "own_contribution": row["own_contribution"], "external_applied": row["external_applied"],
        "external_granted": row["external_granted"], "external_received": row["external_received"],
        "spent": row["spent"], "external_share": row["external_share"],
        "open_obligations": [o["key"] for o in row["obligations"] if o["fulfilled_on"] is None],
        "overdue_obligations": overdue, "registered_on": row["registered_on"],
        "started_on": row["started_on"], "completed_on": row["completed_on"],
        "version": row["version"], "position": row["position"],
    }
