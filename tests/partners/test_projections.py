"""The partnerships and coverage read models, fed the stored events as the reporting job will feed
them (Envelopes in notification order), on real SQLite and PostgreSQL: they agree with the
application's own answers, and a rebuild in other batch sizes gives the same rows."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url

from application.clock import FixedClock
from application.demo import TODAY, build_demo
from cli.demo import DEMO_DATA, STRATEGY_FILES
from infrastructure.projections.base import METADATA, Envelope
from infrastructure.projections.case_status import status_after
from infrastructure.projections.coverage import LINKS, PROJECTS, STRATEGY_TERMS, CoverageProjection
from infrastructure.projections.partnerships import (
    CONTACTS,
    PARTNER_PROJECTS,
    PARTNERSHIPS,
    STATUS_HISTORY,
    PartnershipsProjection,
)
from infrastructure.strategy_file import read_strategy_file
from tests.support import make_app

PROJECTIONS = (PartnershipsProjection(), CoverageProjection())


def demo_app(url: str, municipality: str = "kalix"):
    app = make_app(url, FixedClock(datetime(TODAY.year, 1, 1, tzinfo=timezone.utc)))
    build_demo(app, municipality, read_strategy_file(DEMO_DATA / STRATEGY_FILES[municipality]), "anna")
    return app


def envelopes(app, after: int = 0) -> list[Envelope]:
    """The stored events after position `after`, as the reporting job hands them to a projection."""
    last = app.recorder.max_notification_id() or 0
    if last <= after:
        return []
    return [
        Envelope(n.id, n.originator_id, n.originator_version, n.topic, n.state, app.mapper.to_domain_event(n))
        for n in app.recorder.select_notifications(after + 1, last - after)
    ]


def engine_for(url: str):
    """A SQLAlchemy engine on the event store's own database (a PG URL's ?schema= as search_path)."""
    parsed = make_url(url)
    schema = parsed.query.get("schema")
    if parsed.get_backend_name() == "postgresql" and schema:
        parsed = parsed.difference_update_query(["schema"])
        return create_engine(parsed, connect_args={"options": f"-csearch_path={schema}"})
    return create_engine(parsed)


def project(engine, batch: list[Envelope], size: int) -> None:
    with engine.begin() as conn:
        for p in PROJECTIONS:
            METADATA.create_all(conn, tables=list(p.tables))
    for start in range(0, len(batch), size):
        with engine.begin() as conn:  # one transaction per batch, as the runner commits
            for p in PROJECTIONS:
                p.apply(conn, batch[start:start + size])


def rows(engine, table) -> list[tuple]:
    with engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(select(table)))


@pytest.fixture(scope="module")
def kalix_memory():
    return demo_app("memory://")


def test_the_projections_meet_the_read_model_contract():
    for p in PROJECTIONS:
        assert p.name in ("partnerships", "coverage")
        assert p.tables and all(t.metadata is METADATA for t in p.tables)


def test_the_read_models_agree_with_the_application_on_a_real_store(db_url):
    app = demo_app(db_url)
    engine = engine_for(db_url)
    project(engine, envelopes(app), size=50)

    partners = {r[0]: r for r in rows(engine, PARTNERSHIPS)}
    for p in app.list_partners("anna"):
        view = app.show_partner("anna", p.key)
        assert partners[p.key][7:10] == (p.status, p.current.on, p.current.reason)
        assert [(r[2], r[3], r[4]) for r in rows(engine, STATUS_HISTORY) if r[0] == p.key] == [
            (h.status, h.on, h.reason) for h in p.history]
        assert {r[1] for r in rows(engine, CONTACTS) if r[0] == p.key} == set(p.contacts)
        assert sorted((r[1], r[4]) for r in rows(engine, PARTNER_PROJECTS) if r[0] == p.key) == sorted(
            (x.ref, x.status) for x in view.projects)

    coverage = app.strategy_coverage("anna")
    version = coverage.strategy.version
    statuses = {r[0]: (r[1], r[3]) for r in rows(engine, PROJECTS)}
    for served in coverage.rows:
        assert (version, served.kind, served.key) in {r[:3] for r in rows(engine, STRATEGY_TERMS)}
        linked = sorted(statuses[r[0]][0] for r in rows(engine, LINKS) if r[1:] == (served.kind, served.key)
                        and statuses[r[0]][1] not in ("rejected", "withdrawn"))
        assert linked == sorted(p.ref for p in served.projects)
    app.close()
    engine.dispose()


def test_a_rebuild_in_other_batch_sizes_gives_the_same_rows(kalix_memory):
    batch = envelopes(kalix_memory)
    whole, pieces = create_engine("sqlite://"), create_engine("sqlite://")

    project(whole, batch, size=len(batch))
    project(pieces, batch, size=7)

    for p in PROJECTIONS:
        for table in p.tables:
            assert rows(whole, table) == rows(pieces, table), table.name
    assert rows(whole, PARTNERSHIPS)


@pytest.mark.parametrize("municipality", ["kalix", "holbaek"])
def test_a_case_status_read_from_events_alone_matches_the_aggregate(municipality):
    app = demo_app("memory://", municipality)
    for p in app.list_projects("anna"):
        status = None
        for event in app.events.get(p.id):
            status = status_after(event) or status
        assert status == p.status, p.ref
