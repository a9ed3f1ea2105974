"""An in-memory application set up as Kalix (tests.support), for the scenario tests here."""

from __future__ import annotations

import pytest

from tests.support import set_up_kalix


@pytest.fixture
def kalix(app):
    """The memory:// app with Kalix's organisation, users of every role and strategy."""
    set_up_kalix(app)
    return app
