"""The application as the CLI and the tests use it: every use case on one object."""
from __future__ import annotations

from application.audit_findings import AuditFindings
from application.audit_trail import AuditTrail
from application.audit_transfer import AuditTransfer
from application.organisation_commands import OrganisationCommands
from application.portfolio_queries import PortfolioQueries
from application.project_commands import ProjectCommands
from application.queries import Queries
from application.reporting_commands import ReportingCommands


class Udsyn(
    OrganisationCommands, ProjectCommands, Queries, PortfolioQueries, ReportingCommands,
    AuditTransfer, AuditFindings, AuditTrail,
):
    """udsyn: international projects, event-sourced. Construct with the env of a --db URL."""
