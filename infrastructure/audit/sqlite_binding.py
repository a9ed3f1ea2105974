"""How the SQLite recorder reports sqlite3's errors: as the library does."""
from __future__ import annotations

import sqlite3

from eventsourcing.persistence import (
    DatabaseError,
    DataError,
    IntegrityError,
    InterfaceError,
    InternalError,
    NotSupportedError,
    OperationalError,
    PersistenceError,
    ProgrammingError,
)

# sqlite3's errors as the library's SQLiteTransaction maps them, most specific first
_ERRORS: tuple[tuple[type[sqlite3.Error], type[PersistenceError]], ...] = (
    (sqlite3.InterfaceError, InterfaceError), (sqlite3.DataError, DataError),
    (sqlite3.OperationalError, OperationalError), (sqlite3.IntegrityError, IntegrityError),
    (sqlite3.InternalError, InternalError), (sqlite3.ProgrammingError, ProgrammingError),
    (sqlite3.NotSupportedError, NotSupportedError), (sqlite3.DatabaseError, DatabaseError),
)


def as_persistence_error(e: sqlite3.Error) -> PersistenceError:
    for raw, ours in _ERRORS:
        if isinstance(e, raw):
            return ours(e)
    return PersistenceError(e)
