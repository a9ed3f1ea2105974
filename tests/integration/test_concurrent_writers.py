"""Two writers on one store: the event store's version check keeps the first and refuses the second."""

from __future__ import annotations

from copy import deepcopy

import threading
from datetime import date
from decimal import Decimal

import pytest
from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from domain.command_record import command_record_id
from domain.errors import ConcurrentChange
from domain.meta import Meta
from domain.money import Amount
from tests.support import (
    OFFICER,
    START,
    ctx,
    executing_project,
    make_app,
    register,
    set_up_kalix,
    stored_event_count,
)

SPENDING_DAY = date(2026, 3, 1)


def sek(value: str) -> Amount:
    return Amount.of(Decimal(value), "SEK", "SEK")


def meta(command_id: str) -> Meta:
    return Meta(
        actor=OFFICER, role="officer", command_id=command_id, recorded_at=START, effective_date=SPENDING_DAY
    )


@pytest.fixture
def executing(db_url) -> str:
    app = make_app(db_url)
    set_up_kalix(app)
    return executing_project(app)


def test_the_second_of_two_saves_from_the_same_version_is_an_integrity_error(db_url, executing):
    first, second = make_app(db_url), make_app(db_url)
    mine, theirs = first.load_project(executing), second.load_project(executing)
    mine.record_expenditure(sek("100"), "travel", None, meta("first"))
    theirs.record_expenditure(sek("200"), "venue", None, meta("second"))
    first.save(mine)
    events = stored_event_count(first)

    with pytest.raises(IntegrityError):
        second.save(theirs)

    stored = make_app(db_url).load_project(executing)
    assert stored_event_count(first) == events
    assert (stored.version, stored.spent, stored.expenditures) == (mine.version, Decimal("100.00"), 1)


def test_a_use_case_that_lost_the_race_is_a_concurrent_change_and_writes_nothing(
    db_url, executing, monkeypatch
):
    first, second = make_app(db_url), make_app(db_url)
    stale = second.load_project(executing)
    first.spend(ctx(on=SPENDING_DAY), executing, amount="100", category="travel")
    events = stored_event_count(first)
    monkeypatch.setattr(second, "load_project", lambda ref, version=None: deepcopy(stale))  # a fresh copy, still stale

    with pytest.raises(ConcurrentChange, match=executing):
        second.spend(ctx(on=SPENDING_DAY, command_id="late-1"), executing, amount="200", category="venue")

    stored = make_app(db_url).load_project(executing)
    assert stored_event_count(first) == events
    assert (stored.spent, stored.expenditures) == (Decimal("100.00"), 1)
    with pytest.raises(AggregateNotFoundError):
        first.repository.get(command_record_id("late-1"))


def test_the_loser_retrying_with_its_command_id_is_applied_once_on_top_of_the_winner(
    db_url, executing, monkeypatch
):
    first, second = make_app(db_url), make_app(db_url)
    stale = second.load_project(executing)
    first.spend(ctx(on=SPENDING_DAY), executing, amount="100", category="travel")
    with monkeypatch.context() as m:
        m.setattr(second, "load_project", lambda ref, version=None: deepcopy(stale))  # a fresh copy, still stale
        with pytest.raises(ConcurrentChange):
            second.spend(ctx(on=SPENDING_DAY, command_id="late-1"), executing, amount="200", category="venue")

    for _ in range(2):
        result = second.spend(
            ctx(on=SPENDING_DAY, command_id="late-1"), executing, amount="200", category="venue"
        )

    assert result["replayed"] is True
    stored = make_app(db_url).load_project(executing)
    assert (stored.spent, stored.expenditures) == (Decimal("300.00"), 2)


def test_registrations_racing_from_two_writers_get_unique_gap_free_references(db_url):
    set_up_kalix(make_app(db_url))
    writers, per_writer = 2, 10
    apps = [make_app(db_url) for _ in range(writers)]
    refs: list[str] = []
    failures: list[BaseException] = []
    ready = threading.Barrier(writers, timeout=30)

    def registrar(n: int) -> None:
        try:
            ready.wait()
            for i in range(per_writer):
                refs.append(register(apps[n], title=f"Idé {n}.{i}"))
        except BaseException as e:  # noqa: BLE001 - reported by the main thread below
            failures.append(e)

    threads = [threading.Thread(target=registrar, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert failures == []
    assert sorted(refs) == [f"KAL-2026-{n:04d}" for n in range(1, writers * per_writer + 1)]
    reader = make_app(db_url)
    assert len(reader.project_ids()) == writers * per_writer
    titles = {reader.load_project(ref).title for ref in refs}
    assert titles == {f"Idé {n}.{i}" for n in range(writers) for i in range(per_writer)}
    chain = reader.recorder.verify_chain()  # each writer read the head under the write lock
    assert chain.clean and chain.head[0] == stored_event_count(reader), chain.findings


def test_applications_opening_the_same_store_at_the_same_moment_all_open(db_url):
    make_app(db_url)
    openers, rounds = 4, 3
    failures: list[BaseException] = []

    def opener(ready: threading.Barrier) -> None:
        try:
            ready.wait()
            assert stored_event_count(make_app(db_url)) == 0
        except BaseException as e:  # noqa: BLE001 - reported by the main thread below
            failures.append(e)

    for _ in range(rounds):
        ready = threading.Barrier(openers, timeout=30)
        threads = [threading.Thread(target=opener, args=(ready,)) for _ in range(openers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)

    assert failures == []
