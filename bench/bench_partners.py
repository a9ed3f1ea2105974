"""Partnerships and ranking: the two read models fed a stream in batches of 500 against a raw
one-row-per-event insert, and `portfolio rank` against merely loading the candidates."""
from __future__ import annotations

import time
from datetime import date

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert

from bench.report import ratio, write_section

BATCH = 500


def build(ideas: int):
    from tests.support import ADMIN, ctx, make_app, set_up_kalix

    app = make_app("memory://")
    set_up_kalix(app)
    keys = [f"partner-{i}" for i in range(20)]
    for key in keys:
        app.add_partner(ctx(ADMIN, on=date(2026, 1, 5)), key=key, name=key.title(), country="FI", kind="twin-town")
    for i in range(ideas):
        app.register_project(ctx(on=date(2026, 1, 5)), title=f"Idé {i}", department="buf",
                             focus_area=["utbildning", "turism"][: 1 + i % 2], target_group=["skolungdomar"],
                             goal=["kontaktnat"], partner=[keys[i % 20]], budget=str(10000 + i), jobs=i % 7)
    return app


def envelopes(app):
    from infrastructure.projections.base import Envelope

    last = app.recorder.max_notification_id()
    return [Envelope(n.id, n.originator_id, n.originator_version, n.topic, n.state, app.mapper.to_domain_event(n))
            for n in app.recorder.select_notifications(1, last)]


def timed(f) -> float:
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def project(batch) -> float:
    from infrastructure.projections.base import METADATA
    from infrastructure.projections.coverage import CoverageProjection
    from infrastructure.projections.partnerships import PartnershipsProjection

    engine = create_engine("sqlite://")
    projections = (PartnershipsProjection(), CoverageProjection())
    with engine.begin() as conn:
        METADATA.create_all(conn, tables=[t for p in projections for t in p.tables])

    def run():
        for start in range(0, len(batch), BATCH):
            with engine.begin() as conn:
                for p in projections:
                    p.apply(conn, batch[start:start + BATCH])

    return timed(run)


def raw(batch) -> float:
    engine = create_engine("sqlite://")
    table = Table("raw", MetaData(), Column("position", Integer, primary_key=True), Column("topic", String(200)))
    table.metadata.create_all(engine)

    def run():
        for start in range(0, len(batch), BATCH):
            with engine.begin() as conn:
                conn.execute(insert(table), [{"position": e.position, "topic": e.topic}
                                             for e in batch[start:start + BATCH]])

    return timed(run)


def main(smoke: bool) -> None:
    ideas = 50 if smoke else 1000
    app = build(ideas)
    batch = envelopes(app)
    ours, baseline = min(project(batch) for _ in range(3)), min(raw(batch) for _ in range(3))
    loading = min(timed(lambda: [app.repository.get(i) for i in app.project_ids()]) for _ in range(3))
    ranking = min(timed(lambda: app.rank_portfolio("anna")) for _ in range(3))
    lines = [
        "## Partnerships, coverage and ranking",
        "",
        "| what | ours | baseline | ratio |",
        "|---|---|---|---|",
        f"| partnerships + coverage projections, {len(batch)} events in batches of {BATCH} (events/s) "
        f"| {len(batch) / ours:,.0f} | raw insert of one row per event: {len(batch) / baseline:,.0f} "
        f"| {ratio(len(batch) / ours, len(batch) / baseline)} |",
        f"| `portfolio rank`, {ideas} ideas (ideas/s) | {ideas / ranking:,.0f} "
        f"| loading the ideas alone: {ideas / loading:,.0f} | {ratio(ideas / ranking, ideas / loading)} |",
    ]
    print("\n".join(lines))
    if not smoke:
        write_section("partners", "\n".join(lines))
