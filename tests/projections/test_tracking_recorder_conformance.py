"""Our tracking table meets the library's own TrackingRecorder contract, on SQLite and PostgreSQL:
a position only moves forward, a repeated or earlier position is an IntegrityError."""
from __future__ import annotations

import os
import tempfile
import uuid

from eventsourcing.tests.persistence import TrackingRecorderTestCase

from infrastructure.projections.engine import engine_for
from infrastructure.projections.tracking import ViewTrackingRecorder
from tests.conftest import PG_URL, _pg_admin_conn


class TestViewTrackingRecorderOnSQLite(TrackingRecorderTestCase):
    def setUp(self) -> None:
        self.directory = tempfile.TemporaryDirectory()
        self.url = f"sqlite:///{os.path.join(self.directory.name, 'udsyn.db')}"

    def tearDown(self) -> None:
        self.directory.cleanup()

    def create_recorder(self) -> ViewTrackingRecorder:
        return ViewTrackingRecorder(engine_for(self.url))


class TestViewTrackingRecorderOnPostgreSQL(TrackingRecorderTestCase):
    def setUp(self) -> None:
        if os.environ.get("UDSYN_SKIP_POSTGRES") == "1":
            self.skipTest("UDSYN_SKIP_POSTGRES=1 was set explicitly")
        self.schema = f"t_{uuid.uuid4().hex[:12]}"
        with _pg_admin_conn() as conn:  # no server: this fails, it does not skip
            conn.execute(f'CREATE SCHEMA "{self.schema}"')
        self.url = f"{PG_URL}?schema={self.schema}"
        self.engines = []

    def tearDown(self) -> None:
        for engine in self.engines:
            engine.dispose()
        with _pg_admin_conn() as conn:
            conn.execute(f'DROP SCHEMA "{self.schema}" CASCADE')

    def create_recorder(self) -> ViewTrackingRecorder:
        engine = engine_for(self.url)
        self.engines.append(engine)
        return ViewTrackingRecorder(engine)


del TrackingRecorderTestCase  # collect only the concrete cases
