"""Kalix with its contact network: Pielavesi (active), a dormant Norwegian and a suspended Russian town."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support import ADMIN, ctx, set_up_kalix


def add_network(app) -> None:
    a = ctx(ADMIN, on=date(2024, 1, 8))
    app.add_partner(a, key="pielavesi", name="Pielavesi kunta", country="FI", kind="twin-town", established="1973")
    app.add_partner(a, key="lenvik", name="Lenvik kommune", country="NO", kind="twin-town", established="1988")
    app.add_partner(a, key="kirovsk", name="Kirovsk", country="RU", kind="twin-town", established="1992")
    app.add_partner(a, key="handelskammaren", name="Norrbottens Handelskammare", country="SE", kind="business")
    app.set_partner_status(ctx(ADMIN, on=date(2015, 6, 1), reason="Inga gemensamma aktiviteter sedan 2014"),
                           key="lenvik", status="dormant")
    app.set_partner_status(ctx(ADMIN, on=date(2022, 3, 3), reason="Kontakterna vilar efter invasionen av Ukraina"),
                           key="kirovsk", status="suspended")


@pytest.fixture
def kalix(app):
    """The memory:// app set up as Kalix, with its partners."""
    set_up_kalix(app)
    add_network(app)
    return app
