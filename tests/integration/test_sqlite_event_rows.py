"""What the SQLite events writer stores: the mapper's very bytes, as BLOBs, and each link as a BLOB."""
from __future__ import annotations

import sqlite3
from datetime import date

from tests.support import ctx, executing_project, make_app, set_up_kalix


def test_events_and_links_are_stored_as_blobs_of_the_mappers_bytes(sqlite_url, tmp_path):
    app = make_app(sqlite_url)
    set_up_kalix(app)
    ref = executing_project(app)
    app.spend(ctx(on=date(2026, 3, 1)), ref, amount="12.50", category="resor")
    project = app.load_project(ref)
    expected = [app.mapper.to_stored_event(e).state for e in app.events.get(project.id)]

    with sqlite3.connect(tmp_path / "udsyn.db") as raw:
        rows = raw.execute("SELECT typeof(state), state FROM stored_events WHERE originator_id = ? "
                           "ORDER BY originator_version", (project.id.hex,)).fetchall()
        links = raw.execute("SELECT DISTINCT typeof(link) FROM stored_events_chain").fetchall()

    assert [kind for kind, _ in rows] == ["blob"] * len(expected)
    assert [state for _, state in rows] == expected
    assert links == [("blob",)]
