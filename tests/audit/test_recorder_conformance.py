"""Our chain-writing recorders are still the library's recorders: its conformance cases pass,
and the chain they write follows every insert, concurrent ones included."""
from __future__ import annotations

import pytest
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.sqlite import SQLiteDatastore
from eventsourcing.tests.persistence import ApplicationRecorderTestCase

from infrastructure.audit.postgres_recorder import ChainedPostgresRecorder
from infrastructure.audit.sqlite_recorder import ChainedSQLiteRecorder
from infrastructure.audit.verify import verify
from infrastructure.database import parse_url


class TestChainedSQLiteRecorderConformsToTheLibrary(ApplicationRecorderTestCase):
    @pytest.fixture(autouse=True)
    def _database(self, tmp_path):
        self.path = str(tmp_path / "conformance.db")
        self.recorders = []

    def create_recorder(self) -> ChainedSQLiteRecorder:
        recorder = ChainedSQLiteRecorder(SQLiteDatastore(self.path, lock_timeout=20, pool_size=10))
        recorder.create_table()
        self.recorders.append(recorder)
        return recorder

    def tearDown(self) -> None:
        for recorder in self.recorders:
            assert verify(recorder).clean, verify(recorder).findings[:3]
            recorder.datastore.close()


@pytest.mark.postgres
class TestChainedPostgresRecorderConformsToTheLibrary(ApplicationRecorderTestCase):
    @pytest.fixture(autouse=True)
    def _database(self, postgres_url):
        self.env = parse_url(postgres_url).env
        self.recorders = []

    def create_recorder(self) -> ChainedPostgresRecorder:
        e = self.env
        datastore = PostgresDatastore(
            e["POSTGRES_DBNAME"], e["POSTGRES_HOST"], e["POSTGRES_PORT"], e["POSTGRES_USER"],
            e["POSTGRES_PASSWORD"], schema=e["POSTGRES_SCHEMA"], pool_size=2, max_overflow=8, lock_timeout=20,
        )
        recorder = ChainedPostgresRecorder(datastore, events_table_name="stored_events")
        recorder.create_table()
        self.recorders.append(recorder)
        return recorder

    def test_insert_subscribe(self) -> None:
        self.optional_test_insert_subscribe()

    def tearDown(self) -> None:
        for recorder in self.recorders:
            assert verify(recorder).clean, verify(recorder).findings[:3]
            recorder.datastore.close()
