"""A command decided on trust changes the cached aggregate itself, taken out of the cache, instead of
a deep copy. What it took goes back only once stored, or unchanged: whatever fails after an
aggregate may have changed (a refusal, a year closed meanwhile, a store error, a stale read),
the cache never holds a state the store does not."""
from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from eventsourcing.persistence import OperationalError

from domain.errors import RuleViolation
from domain.partnership import partnership_id
from tests.application.refusals import refused
from tests.support import ADMIN, REPORTER, ctx, executing_project, make_app, register, set_up_kalix, stored_event_count

SPENDING_DAY = date(2026, 3, 1)


@pytest.fixture
def warm(db_url):
    """A writer whose organisation and case are cached, and another process on the same store."""
    writer = make_app(db_url)
    set_up_kalix(writer)
    ref = executing_project(writer)
    writer.spend(ctx(on=SPENDING_DAY), ref, amount="1", category="travel")
    return writer, make_app(db_url), ref


def cached(app, aggregate_id):
    """The aggregate the cache holds for `aggregate_id`, or None."""
    try:
        return app.repository.cache.get(aggregate_id)
    except KeyError:
        return None


def as_stored(app, db_url, ref) -> tuple:
    """The case as the writer's next command will see it, and as a fresh process reads the store."""
    mine, stored = app.load_project(ref), make_app(db_url).load_project(ref)
    return (mine.version, mine.spent, mine.expenditures), (stored.version, stored.spent, stored.expenditures)


def test_a_command_changes_the_cached_case_itself_and_leaves_it_cached_at_its_new_version(warm):
    writer, _, ref = warm
    before = cached(writer, writer.resolve_ref(ref))

    writer.spend(ctx(on=SPENDING_DAY), ref, amount="2", category="travel")

    after = cached(writer, writer.resolve_ref(ref))
    assert after is before and after.spent == Decimal("3.00") and after.pending_events == []


def test_a_refused_command_leaves_no_changed_case_in_the_cache(warm, db_url):
    writer, _, ref = warm

    refused(writer, RuleViolation, writer.spend, ctx(on=SPENDING_DAY), ref, amount="50000.01", category="resor")

    mine, stored = as_stored(writer, db_url, ref)
    assert mine == stored == (mine[0], Decimal("1.00"), 1)


def test_a_store_that_fails_the_write_leaves_no_changed_case_in_the_cache(warm, db_url, monkeypatch):
    writer, _, ref = warm

    def failing(*args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(writer.recorder, "insert_events", failing)
    with pytest.raises(OperationalError):
        writer.spend(ctx(on=SPENDING_DAY), ref, amount="2", category="travel")
    monkeypatch.undo()

    assert cached(writer, writer.resolve_ref(ref)) is None
    mine, stored = as_stored(writer, db_url, ref)
    assert mine == stored == (mine[0], Decimal("1.00"), 1)


def test_a_refusal_after_the_case_changed_leaves_no_changed_case_in_the_cache(warm, db_url, monkeypatch):
    writer, _, ref = warm
    check = writer.closed_years.check

    def refuse_after_the_change(aggregates, correction):
        assert aggregates[0].pending_events, "the case changed before the refusal"
        check(aggregates, correction)
        raise RuleViolation("R7", "2026 is a closed reporting year")

    monkeypatch.setattr(writer.closed_years, "check", refuse_after_the_change)
    refused(writer, RuleViolation, writer.spend, ctx(on=SPENDING_DAY), ref, amount="2", category="travel")
    monkeypatch.undo()

    mine, stored = as_stored(writer, db_url, ref)
    assert mine == stored == (mine[0], Decimal("1.00"), 1)


def test_a_case_changed_elsewhere_is_decided_again_and_the_cache_holds_what_was_stored(warm, db_url):
    writer, other, ref = warm
    other.spend(ctx(on=SPENDING_DAY), ref, amount="100", category="venue")

    writer.spend(ctx(on=SPENDING_DAY), ref, amount="200", category="travel")

    mine, stored = as_stored(writer, db_url, ref)
    assert mine == stored == (mine[0], Decimal("301.00"), 3)


def test_a_partner_a_new_case_only_reads_goes_back_to_the_cache_unchanged(warm):
    writer, _, _ = warm
    writer.add_partner(ctx(ADMIN), key="pielavesi", name="Pielavesi kunta", country="FI", kind="twin-town")
    partner = cached(writer, partnership_id("pielavesi"))

    register(writer, partner=["pielavesi"])
    register(writer, partner=["pielavesi"])

    assert cached(writer, partnership_id("pielavesi")) is partner and partner.version == 1


def test_a_year_closed_by_another_process_refuses_the_fact_and_leaves_no_changed_case_cached(sqlite_url, tmp_path):
    from tests.reporting.closing import close
    from tests.reporting.feeding import ledger_engine

    writer, closer = make_app(sqlite_url), make_app(sqlite_url)
    set_up_kalix(writer)
    ref = executing_project(writer)
    writer.spend(ctx(on=SPENDING_DAY), ref, amount="1", category="travel")  # the writer trusts 2026 is open
    close(closer, ledger_engine(tmp_path / "ledger.db"))
    before = writer.load_project(ref).version

    refused(writer, RuleViolation, writer.spend, ctx(on=SPENDING_DAY), ref, amount="2", category="travel",
            match="R7: 2026 is a closed reporting year")

    mine, stored = as_stored(writer, sqlite_url, ref)
    assert mine == stored == (before, Decimal("1.00"), 1)
    assert closer.closed_year(REPORTER, 2026) is not None


def test_threads_changing_one_case_through_one_application_lose_no_change(db_url):
    from domain.errors import ConcurrentChange

    app = make_app(db_url)
    set_up_kalix(app)
    ref = executing_project(app, budget="1000000")
    before = make_app(db_url).load_project(ref).version
    failures: list[BaseException] = []

    def until_stored(command, *args, **kwargs) -> None:
        while True:  # two threads deciding on fresh state at once: one is told to try again
            try:
                return command(*args, **kwargs)
            except ConcurrentChange:
                continue

    def work() -> None:
        try:
            for _ in range(15):
                until_stored(app.spend, ctx(on=SPENDING_DAY), ref, amount="1.00", category="resor")
                until_stored(app.measure, ctx(on=SPENDING_DAY), ref, key="elever", value="3")
        except BaseException as e:  # noqa: BLE001 - reported below
            failures.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert failures == []
    mine, stored = as_stored(app, db_url, ref)
    assert mine == stored == (before + 120, Decimal("60.00"), 60)


def test_the_organisation_every_command_reads_in_place_is_copied_to_change_never_taken(warm):
    from domain.organisation import Organisation

    writer, _, _ = warm
    shared = writer.organisation()

    writer.add_user(ctx(ADMIN), name="nyanstalld", role="officer", department=["buf"])

    assert cached(writer, Organisation.ID) is not shared and "nyanstalld" not in shared.users


def test_only_the_shared_aggregates_may_be_read_in_place(warm):
    writer, _, ref = warm

    with pytest.raises(ValueError, match="not one read in place"):
        writer.get(writer.resolve_ref(ref), deepcopy_from_cache=False)
