"""The store the tamper-evidence tests tamper with."""
from __future__ import annotations

from datetime import date

import pytest

from infrastructure.audit.verify import verify
from tests.audit.raw import RawStore
from tests.support import ctx, executing_project, make_app, set_up_kalix


@pytest.fixture
def store(db_url):
    """A Kalix organisation with one executing project and three expenditures; clean."""
    app = make_app(db_url)
    set_up_kalix(app)
    ref = executing_project(app)
    for amount in ("1000", "2000", "3000"):
        app.spend(ctx(on=date(2026, 3, 1)), ref, amount=amount, category="resor")
    assert verify(app.recorder).clean
    return app, RawStore(db_url)
