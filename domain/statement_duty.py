"""R7: which years a case owes an annual statement for, read from its status timeline. The annual
report and `audit check` both ask here, so they name the same cases."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.project_status import APPROVED, COMPLETED, EXECUTING

REPORTING = (APPROVED, EXECUTING)


def owes_statement(statuses: Sequence[Sequence[Any]], first: Any, last: Any) -> bool:
    """R7: a case approved or executing at some time in the year from `first` to `last`, or completed
    in it, reports on that year, whether or not it ever started. `statuses` is the case's timeline of
    (effective day, status), oldest first; days are dates or ISO text, the same kind as the bounds."""
    for i, (on, status) in enumerate(statuses):
        if status in REPORTING and on <= last and (i + 1 == len(statuses) or statuses[i + 1][0] >= first):
            return True
        if status == COMPLETED and first <= on <= last:
            return True
    return False
