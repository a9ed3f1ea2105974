"""The Kalix memory app, and a SQLite ledger fed from it, for the reporting tests."""
from __future__ import annotations

import pytest

from tests.reporting.feeding import ledger_engine
from tests.support import set_up_kalix


@pytest.fixture
def kalix(app):
    set_up_kalix(app)
    return app


@pytest.fixture
def engine(tmp_path):
    return ledger_engine(tmp_path / "ledger.db")
