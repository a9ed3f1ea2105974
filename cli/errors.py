"""Exit codes (SPEC §5), mapped from the error families in one place."""
from __future__ import annotations

from domain.errors import (
    ConcurrentChange,
    DuplicateCommand,
    InvalidInput,
    NotFound,
    NotPermitted,
    RuleViolation,
    UdsynError,
)

DONE, REFUSED, INVALID, FORBIDDEN, MISSING = 0, 1, 2, 3, 4

EXIT_CODES: tuple[tuple[type[UdsynError], int], ...] = (
    (InvalidInput, INVALID),
    (NotPermitted, FORBIDDEN),
    (NotFound, MISSING),
    (RuleViolation, REFUSED),
    (ConcurrentChange, REFUSED),
    (DuplicateCommand, REFUSED),
)


def exit_code_for(error: UdsynError) -> int:
    for family, code in EXIT_CODES:
        if isinstance(error, family):
            return code
    return REFUSED


def one_line(message: object) -> str:
    return " ".join(str(message).split())
