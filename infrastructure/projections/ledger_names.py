"""The annual-report ledger's measures and table names, without SQLAlchemy: the annual report
reads the ledger in a fresh process that need not import it (`projections/ledger.py` defines the
tables and the write path from these)."""
from __future__ import annotations

BUDGET, OWN, APPLIED, GRANTED, RECEIVED, SPENT = (
    "budget_approved", "own_contribution", "external_applied", "external_granted", "external_received",
    "expenditure",
)
KINDS = (BUDGET, OWN, APPLIED, GRANTED, RECEIVED, SPENT)
APPROVING = ("approved", "approved-with-conditions")

NAME = "ledger"  # the projection's name, its row in projection_tracking
ENTRIES, PROJECTS, DEPARTMENTS = "ledger_entries", "ledger_projects", "ledger_departments"
