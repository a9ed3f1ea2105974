"""The contact network on real SQLite and PostgreSQL: stored, reloaded by another process' app,
and R10 refusals leave the store untouched."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import RuleViolation
from tests.partners.conftest import add_network
from tests.support import AUDITOR, make_app, register, set_up_kalix, stored_event_count


def test_partners_survive_a_reload_and_r10_holds_on_a_real_store(db_url):
    writer = make_app(db_url)
    set_up_kalix(writer)
    add_network(writer)
    ref = register(writer, partner=["pielavesi"])
    before = stored_event_count(writer)

    with pytest.raises(RuleViolation, match="^R10:"):
        register(writer, partner=["kirovsk"])

    writer.close()
    reader = make_app(db_url)
    assert stored_event_count(reader) == before
    kirovsk = reader.show_partner(AUDITOR, "kirovsk").partnership
    assert [(h.status, h.on) for h in kirovsk.history] == [("active", date(1992, 1, 1)),
                                                          ("suspended", date(2022, 3, 3))]
    assert [p.ref for p in reader.show_partner(AUDITOR, "pielavesi").projects] == [ref]
    assert [p.key for p in reader.list_partners(AUDITOR, country="RU")] == ["kirovsk"]
    reader.close()
