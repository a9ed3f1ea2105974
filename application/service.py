"""The application as the CLI and the tests use it: every use case on one object."""
from __future__ import annotations

from application.organisation_commands import OrganisationCommands
from application.project_commands import ProjectCommands
from application.queries import Queries
from application.ranking_queries import RankingQueries


class Udsyn(OrganisationCommands, ProjectCommands, RankingQueries, Queries):
    """udsyn: international projects, event-sourced. Construct with the env of a --db URL."""
