"""The library's PostgreSQL recorder, with its schema created by one process at a time."""
from __future__ import annotations

import psycopg
from eventsourcing.postgres import PostgresApplicationRecorder

SCHEMA_LOCK = 0x75647379  # "udsy": an advisory-lock key of our own


class SerialisedSchemaRecorder(PostgresApplicationRecorder):
    """Applications that open a new database at the same moment would race on CREATE TABLE
    ("tuple concurrently updated"); an advisory lock on a side connection lets one go first."""

    def create_table(self) -> None:
        pool = self.datastore.pool
        with psycopg.connect(pool.conninfo, **pool.kwargs, autocommit=True) as lock:
            lock.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
            try:
                super().create_table()
            finally:
                lock.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK,))
