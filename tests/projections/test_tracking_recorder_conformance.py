"""Our tracking table meets the library's own TrackingRecorder contract, on SQLite and PostgreSQL:
a position only moves forward, a repeated or earlier position is an IntegrityError."""
from __future__ import annotations

import os
import tempfile

import pytest
from eventsourcing.tests.persistence import TrackingRecorderTestCase

from infrastructure.projections.engine import engine_for
from infrastructure.projections.tracking import ViewTrackingRecorder


class TestViewTrackingRecorderOnSQLite(TrackingRecorderTestCase):
    def setUp(self) -> None:
        self.directory = tempfile.TemporaryDirectory()
        self.url = f"sqlite:///{os.path.join(self.directory.name, 'udsyn.db')}"

    def tearDown(self) -> None:
        self.directory.cleanup()

    def create_recorder(self) -> ViewTrackingRecorder:
        return ViewTrackingRecorder(engine_for(self.url))


@pytest.mark.postgres
class TestViewTrackingRecorderOnPostgreSQL(TrackingRecorderTestCase):
    @pytest.fixture(autouse=True)
    def _database(self, postgres_url):  # a fresh schema; no server fails, it does not skip
        self.url, self.engines = postgres_url, []
        yield
        for engine in self.engines:
            engine.dispose()

    def create_recorder(self) -> ViewTrackingRecorder:
        engine = engine_for(self.url)
        self.engines.append(engine)
        return ViewTrackingRecorder(engine)


del TrackingRecorderTestCase  # collect only the concrete cases
