"""What the caller says about a command besides its payload."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Context:
    """The acting user, the command id (idempotency), the reason and the effective date."""

    actor: str
    command_id: str | None = None
    reason: str | None = None
    on: date | None = None
    correction_of: int | None = None  # R7: the event position a late fact in a closed year corrects
