"""What every event records besides its payload: who, as what, why, when recorded, when effective."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.frozen_init import stores_fields


@stores_fields
@dataclass(frozen=True)
class Meta:
    """The circumstances of one command, passed into every aggregate method."""

    actor: str
    role: str
    command_id: str
    recorded_at: datetime
    effective_date: date
    reason: str | None = None
    correction: Any = None  # a domain.reporting_year.Correction, decided by the application (R7)
