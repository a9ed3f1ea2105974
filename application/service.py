"""The application as the CLI and the tests use it: every use case on one object."""
from __future__ import annotations

from application.organisation_commands import OrganisationCommands
from application.portfolio_queries import PortfolioQueries
from application.project_commands import ProjectCommands
from application.queries import Queries


class Udsyn(OrganisationCommands, ProjectCommands, PortfolioQueries, Queries):
    """udsyn: international projects, event-sourced. Construct with the env of a --db URL."""
