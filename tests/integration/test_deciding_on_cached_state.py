"""A long-running writer decides a command on its cached aggregates without asking the store, and
the store checks, as it writes, that what the command read is still current. Whatever another
process changed meanwhile, the outcome is the one fresh state gives, and a refusal never rests
on a stale copy."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.consistency import READ_VERSIONS, StaleRead
from domain.errors import NotPermitted
from domain.organisation import Organisation
from tests.application.refusals import refused
from tests.support import ADMIN, OFFICER, ctx, executing_project, make_app, set_up_kalix, stored_event_count

SPENDING_DAY = date(2026, 3, 1)


@pytest.fixture
def warm(db_url):
    """A writer that has already worked on a case (its organisation and the case are cached),
    and another process on the same store."""
    writer = make_app(db_url)
    set_up_kalix(writer)
    ref = executing_project(writer)
    writer.spend(ctx(on=SPENDING_DAY), ref, amount="1", category="travel")
    return writer, make_app(db_url), ref


def queries_while(app, monkeypatch, command) -> int:
    """How many reads `command()` sent to the event store before (and apart from) its write."""
    count = 0

    def counted(original):
        def wrapper(*args, **kwargs):
            nonlocal count
            count += 1
            return original(*args, **kwargs)
        return wrapper

    for name in ("select_events", "select_notifications", "max_notification_id"):
        monkeypatch.setattr(app.recorder, name, counted(getattr(app.recorder, name)))
    command()
    return count


def test_a_warm_writer_decides_a_command_without_reading_the_store(warm, monkeypatch):
    writer, _, ref = warm

    reads = queries_while(writer, monkeypatch,
                          lambda: writer.spend(ctx(on=SPENDING_DAY), ref, amount="2", category="travel"))

    assert reads == 0
    assert writer.load_project(ref).spent == Decimal("3.00")


def test_an_officer_moved_to_another_department_elsewhere_is_refused_though_the_cache_still_allows(warm):
    writer, other, ref = warm
    other.appoint(ctx(ADMIN), name=OFFICER, department=["kf-adm"])

    refused(writer, NotPermitted, writer.spend, ctx(on=SPENDING_DAY), ref, amount="5", category="travel")

    assert writer.load_project(ref).spent == Decimal("1.00")


def test_a_user_added_elsewhere_may_act_though_the_cache_does_not_know_them(warm):
    writer, other, ref = warm
    other.add_user(ctx(ADMIN), name="nyanstalld", role="officer", department=["buf"])

    result = writer.spend(ctx("nyanstalld", on=SPENDING_DAY), ref, amount="5", category="travel")

    assert result["spent"] == "6.00"


def test_a_case_changed_elsewhere_is_decided_again_on_its_new_state(warm, db_url):
    writer, other, ref = warm
    other.spend(ctx(on=SPENDING_DAY), ref, amount="100", category="venue")

    result = writer.spend(ctx(on=SPENDING_DAY), ref, amount="200", category="travel")

    assert result["spent"] == "301.00"
    stored = make_app(db_url).load_project(ref)
    assert (stored.spent, stored.expenditures) == (Decimal("301.00"), 3)


def test_the_store_refuses_a_write_whose_reads_moved_on_and_stores_nothing(warm):
    writer, other, ref = warm
    org_version = writer.organisation().version
    project = writer.load_project(ref)
    other.add_user(ctx(ADMIN), name="nyanstalld", role="officer", department=["buf"])
    before = stored_event_count(writer)
    project.record_measurement("elever", "3", writer._meta(ctx(on=SPENDING_DAY), writer.organisation().user(OFFICER)))

    with pytest.raises(StaleRead):
        writer.save(project, **{READ_VERSIONS: {Organisation.ID: org_version}})

    assert stored_event_count(writer) == before



def reads_handed_to_the_store(app, monkeypatch, command) -> list[dict]:
    """The READ_VERSIONS each write of `command()` handed to the event store."""
    handed: list[dict] = []
    insert = app.recorder.insert_events

    def spying(stored, **options):
        handed.append(dict(options.get(READ_VERSIONS) or {}))
        return insert(stored, **options)

    with monkeypatch.context() as patch:
        patch.setattr(app.recorder, "insert_events", spying)
        command()
    return handed


def test_the_store_checks_what_a_command_read_and_not_what_it_writes(warm, monkeypatch):
    from domain.case_counter import counter_id
    from domain.strategy import Strategy
    from tests.support import register

    writer, _, ref = warm
    org, strategy = writer.organisation(), writer.strategy()

    spent = reads_handed_to_the_store(
        writer, monkeypatch, lambda: writer.spend(ctx(on=SPENDING_DAY), ref, amount="2", category="travel"))
    registered = reads_handed_to_the_store(writer, monkeypatch, lambda: register(writer))

    assert spent == [{Organisation.ID: org.version}]  # the case it writes is checked by its insert
    assert registered == [{Organisation.ID: org.version, Strategy.ID: strategy.version}]
    assert counter_id(org.code, 2026) not in registered[0]


def test_a_case_only_read_by_a_command_is_checked_at_the_version_it_was_read(warm, monkeypatch):
    from domain.partnership import partnership_id
    from tests.support import register

    writer, _, _ = warm
    writer.add_partner(ctx(ADMIN), key="pielavesi", name="Pielavesi kunta", country="FI", kind="twin-town")
    partner_version = writer.get(partnership_id("pielavesi")).version

    handed = reads_handed_to_the_store(writer, monkeypatch, lambda: register(writer, partner=["pielavesi"]))

    assert handed[0][partnership_id("pielavesi")] == partner_version
