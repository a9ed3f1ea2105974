"""An auditor replays a case as it was: at a version, or as the system knew it at a recorded time."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from domain.errors import NotFound, NotPermitted
from tests.support import AUDITOR, ctx, register

MONDAY = datetime(2026, 1, 12, 8, tzinfo=timezone.utc)


def test_each_version_of_a_case_shows_its_state_at_that_point(kalix):
    ref = register(kalix)
    kalix.explore(ctx(), ref)
    kalix.submit(ctx(), ref, body="bun")
    kalix.decide(ctx(), ref, body="bun", outcome="approved", meeting_date=date(2026, 1, 15), item="§ 7")
    statuses = [kalix.show_project(AUDITOR, ref, version=v).status for v in (1, 2, 3, 4)]
    assert statuses == ["idea", "exploration", "awaiting_decision", "approved"]
    assert kalix.show_project(AUDITOR, ref, version=3).decisions == []
    assert kalix.show_project(AUDITOR, ref).version == 4


def test_a_version_the_case_never_reached_is_not_found(kalix):
    ref = register(kalix)
    with pytest.raises(NotFound, match="has no version 2 \\(latest is 1\\)"):
        kalix.show_project(AUDITOR, ref, version=2)


def test_as_of_a_recorded_time_shows_what_the_system_knew_then(kalix):
    kalix.clock.set(MONDAY)
    ref = register(kalix)
    kalix.clock.set(MONDAY + timedelta(days=1))
    kalix.explore(ctx(), ref)
    kalix.clock.set(MONDAY + timedelta(days=2))
    kalix.submit(ctx(), ref, body="bun")

    def as_of(moment):
        return kalix.show_project(AUDITOR, ref, as_of=moment)

    assert as_of(MONDAY + timedelta(hours=1)).status == "idea"
    assert as_of(MONDAY + timedelta(days=1, hours=1)).status == "exploration"
    assert as_of(MONDAY + timedelta(days=3)).status == "awaiting_decision"
    recorded = kalix.history(AUDITOR, ref)[1].recorded_at
    assert as_of(recorded).version == 2
    assert as_of(recorded - timedelta(microseconds=1)).version == 1


def test_as_of_a_time_before_the_registration_is_not_found(kalix):
    kalix.clock.set(MONDAY)
    ref = register(kalix)
    with pytest.raises(NotFound, match="not yet registered"):
        kalix.show_project(AUDITOR, ref, as_of=MONDAY - timedelta(seconds=1))


def test_the_history_names_who_did_what_as_what_when_and_why(kalix):
    ref = register(kalix)
    kalix.explore(ctx(command_id="utforska-1"), ref)
    kalix.withdraw(ctx(on=date(2026, 1, 20)), ref, reason="Partnerskolan drog sig ur")
    history = kalix.history(AUDITOR, ref)
    assert [h.event for h in history] == ["Registered", "ExplorationStarted", "Withdrawn"]
    assert [h.version for h in history] == [1, 2, 3]
    assert {(h.actor, h.role) for h in history} == {("olle", "officer")}
    assert history[1].command_id == "utforska-1"
    assert (history[2].reason, history[2].effective_date) == ("Partnerskolan drog sig ur", date(2026, 1, 20))
    assert history[0].payload["ref"] == ref
    assert [h.recorded_at for h in history] == sorted(h.recorded_at for h in history)


def test_reading_is_open_to_every_role_but_not_to_strangers(kalix):
    ref = register(kalix)
    for actor in ("anna", "olle", "stina", AUDITOR, "rapport"):
        assert kalix.show_project(actor, ref).ref == ref
    with pytest.raises(NotPermitted, match=r"^R9: 'mallory' is not a registered user"):
        kalix.show_project("mallory", ref)
