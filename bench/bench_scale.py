"""At scale (issue 6.8): ten years of cases on PostgreSQL, ≥ 2M events, measured as the store grows.

Cases are built with the real domain methods (register … start, then spending and measurements)
and saved one case per transaction; what is measured on the grown store is what a shared service
would feel: a cold case load, a command, paging the notification log, rebuilding projections."""
from __future__ import annotations

import statistics
import time
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from bench.bench_command_path import _with_postgres_schema
from bench.report import write_section
from domain.meta import Meta
from domain.money import Amount
from domain.project import Project
from infrastructure.database import parse_url
from tests.support import OFFICER, ctx, make_app, set_up_kalix

YEARS = range(2017, 2027)


def sek(value: str) -> Amount:
    return Amount.of(Decimal(value), "SEK", "SEK")


def build_case(app, org, year: int, number: int, events: int) -> Project:
    """A case of `events` events: approved, started, then spending and measurements through the year."""
    strategy = app.strategy_on(date(year, 1, 1))
    clock = datetime(year, 1, 2, 8, tzinfo=timezone.utc) + timedelta(minutes=number)

    def meta(on: date) -> Meta:
        nonlocal clock
        clock += timedelta(seconds=1)
        return Meta(OFFICER, "officer", f"gen-{year}-{number}-{clock.timestamp()}", clock, on)

    meeting = date(year, 2, 1)
    p = Project.register(ref=f"KAL-{year}-{number:04d}", title=f"Utbyte {year}/{number}", department="buf",
                         focus_areas=["utbildning"], strategy=strategy, meta=meta(date(year, 1, 2)),
                         budget=sek("50000"))
    p.explore(meta(date(year, 1, 10)))
    p.submit_for_decision(org.body("bun"), strategy.approval_threshold, meta(date(year, 1, 20)))
    p.decide(body=org.body("bun"), outcome="approved", meeting_date=meeting, item=f"§ {number}",
             strategy=strategy, meta=meta(meeting))
    started = date(year, 3, 1)
    p.commit_own_contribution(sek("50000"), meta(started))
    p.define_indicator("elever", "Elever i utbyte", Decimal(30), None, meta(started))
    p.start(meta(started))
    day = 0
    while p.version < events:
        on = started + timedelta(days=day % 300)
        if day % 2:
            p.record_measurement("elever", Decimal(day % 40), meta(on))
        else:
            p.record_expenditure(sek("1.00"), "resor", None, meta(on))
        day += 1
    return p


def grow(app, org, target: int, per_case: int, made: list[str]) -> float:
    """Add cases until the store holds `target` events; returns events written per second."""
    start_events = app.recorder.max_notification_id() or 0
    started = time.perf_counter()
    while (app.recorder.max_notification_id() or 0) < target:
        year = YEARS[len(made) % len(YEARS)]
        number = len(made) // len(YEARS) + 1
        case = build_case(app, org, year, number, per_case)
        app.save(case)
        made.append(case.ref)
    written = (app.recorder.max_notification_id() or 0) - start_events
    return written / (time.perf_counter() - started)


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure_at(url: str, app, refs: list[str], runs: int) -> dict[str, float]:
    """Cold case load, one spend command, and paging the notification log, on the store as it is."""
    cold = []
    for ref in refs[-runs:]:
        fresh = make_app(url)
        cold.append(median_ms(lambda: fresh.load_project(ref), 1))
        fresh.close()
    spend_ms = median_ms(
        lambda: app.spend(ctx(on=date(2026, 11, 1)), refs[-1], amount="1.00", category="resor"), runs
    )
    head = app.recorder.max_notification_id()
    first = max(1, head - 100_000)
    started, paged, position = time.perf_counter(), 0, first
    while position <= head:
        page = app.recorder.select_notifications(position, 1000)
        if not page:
            break
        paged += len(page)
        position = page[-1].id + 1
    return {"events": head, "cold_load_ms": statistics.median(cold), "spend_ms": spend_ms,
            "page_events_per_s": paged / (time.perf_counter() - started)}


def rebuild_rate(url: str, app) -> float:
    from infrastructure.projections.runner import ProjectionRunner

    runner = ProjectionRunner.for_app(app, url)
    runner.create_tables()
    started = time.perf_counter()
    processed = runner.catch_up()
    return processed / (time.perf_counter() - started)


def sizes(url: str) -> dict[str, int]:
    import psycopg

    env = parse_url(url).env
    schema = env["POSTGRES_SCHEMA"]
    with psycopg.connect(host=env["POSTGRES_HOST"], port=int(env["POSTGRES_PORT"]), user=env["POSTGRES_USER"],
                         password=env["POSTGRES_PASSWORD"], dbname=env["POSTGRES_DBNAME"]) as conn:
        rows = conn.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid), pg_indexes_size(c.oid) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r'",
            (schema,),
        ).fetchall()
    return {name: (total, indexes) for name, total, indexes in rows}


def main(smoke: bool = False) -> None:
    targets = (300, 1_000) if smoke else (300_000, 2_000_000)
    per_case = 50 if smoke else 100
    runs = 3 if smoke else 20

    def work(url: str) -> dict:
        app = make_app(url)
        set_up_kalix(app)
        org = app.organisation()
        refs: list[str] = []
        report = {"phases": []}
        for target in targets:
            rate = grow(app, org, target, per_case, refs)
            report["phases"].append({"write_events_per_s": rate, **measure_at(url, app, refs, runs)})
            if target == targets[0]:
                report["rebuild_events_per_s"] = rebuild_rate(url, app)
        report["sizes"] = sizes(url)
        report["cases"] = len(refs)
        app.close()
        return report

    report = _with_postgres_schema(work)
    phases = "\n".join(
        f"| {p['events']:,} | {p['write_events_per_s']:,.0f} | {p['cold_load_ms']:.1f} | {p['spend_ms']:.1f}"
        f" | {p['page_events_per_s']:,.0f} |"
        for p in report["phases"]
    )
    sized = "\n".join(
        f"| `{name}` | {total / 2**20:,.0f} | {indexes / 2**20:,.0f} |"
        for name, (total, indexes) in sorted(report["sizes"].items(), key=lambda kv: -kv[1][0])
        if total > 2**20 or smoke
    )
    print(phases)
    print(f"rebuild: {report['rebuild_events_per_s']:,.0f} events/s")
    if smoke:
        return
    write_section(
        "scale",
        f"""## At scale on PostgreSQL (issue 6.8)

{report['cases']:,} cases over ten years (2017–2026), ~{per_case} events each, built with the real
domain methods and saved one case per transaction, on the local PostgreSQL 15 (default settings).
Measured when the store held each size: a cold case load (fresh application, snapshot + the
events after it; median of {runs}), one `project spend` through the application (median of {runs}),
and paging the last 100k notifications in pages of 1,000 (what a projection's catch-up reads).
Projections rebuilt from zero (all registered views, one transaction per batch) at the first size:
**{report['rebuild_events_per_s']:,.0f} events/s**.

| events in the store | write (events/s, a case per transaction) | cold case load (ms) | spend command (ms) | paging (events/s) |
|---:|---:|---:|---:|---:|
{phases}

Sizes at the end (MiB):

| table | total | of which indexes |
|---|---:|---:|
{sized}

`docs/scaling.md` extrapolates from these figures to a shared national service.
""",
    )
