"""How the SQLite recorder binds a BLOB and reports sqlite3's errors: as the library does."""
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


def blob(value: bytes) -> bytes | bytearray:
    """The same BLOB, bound without sqlite3's adaptation: 3.11's sqlite3 binds str, int, float
    and bytearray directly but looks every bytes value up in its adapter registry and protocol
    first (a failed attribute lookup with a formatted AttributeError, per value)."""
    return bytearray(value) if type(value) is bytes else value


def as_persistence_error(e: sqlite3.Error) -> PersistenceError:
    for raw, ours in _ERRORS:
        if isinstance(e, raw):
            return ours(e)
    return PersistenceError(e)
