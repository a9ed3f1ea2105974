"""Events mutate their aggregate as the library's events do, by shorter paths: creation by
UdsynAggregate.Created.mutate and _create_with, every later event by UdsynAggregate.Event.mutate,
each compared here with the library's own."""
from __future__ import annotations

from copy import deepcopy
from datetime import date

import pytest
from eventsourcing.domain import CanInitAggregate, CanMutateAggregate, OriginatorIDError, OriginatorVersionError

from domain.base import UdsynAggregate
from tests.support import ctx, executing_project, make_app, set_up_kalix
from tests.unit.event_payloads import event_classes


@pytest.mark.parametrize("event_class", sorted(event_classes(), key=lambda c: c.__qualname__),
                         ids=lambda c: c.__qualname__)
def test_creating_events_use_the_creation_mutate_and_the_others_the_event_mutate(event_class):
    expected = UdsynAggregate.Created.mutate if issubclass(event_class, CanInitAggregate) else UdsynAggregate.Event.mutate
    assert event_class.mutate is expected


@pytest.fixture
def case_and_events():
    app = make_app()
    set_up_kalix(app)
    ref = executing_project(app)
    app.spend(ctx(on=date(2026, 3, 1)), ref, amount="5", category="resor")
    project = app.load_project(ref)
    return project, list(app.events.get(project.id))


def test_replaying_with_our_mutate_gives_what_the_library_mutate_gives(case_and_events):
    _, events = case_and_events
    ours = theirs = None
    for event in events:
        ours = event.mutate(ours)
        theirs = (CanMutateAggregate.mutate if event.originator_version > 1 else type(event).mutate)(event, theirs)

    assert vars(ours) == vars(theirs)
    assert (ours.version, ours.modified_on) == (events[-1].originator_version, events[-1].timestamp)


def test_an_event_of_another_aggregate_or_out_of_sequence_is_refused_as_the_library_refuses_it(case_and_events):
    project, events = case_and_events
    last = events[-1]
    behind = deepcopy(project)
    behind._version -= 2
    stranger = deepcopy(project)
    stranger._id = events[0].originator_id.__class__(int=1)

    for mutate in (type(last).mutate, CanMutateAggregate.mutate):
        with pytest.raises(OriginatorVersionError):
            mutate(last, deepcopy(behind))
        with pytest.raises(OriginatorIDError):
            mutate(last, deepcopy(stranger))


def test_a_case_created_by_the_short_path_equals_one_created_by_the_library(case_and_events):
    from eventsourcing.domain import Aggregate

    from domain.meta import Meta
    from domain.project import Project

    _, events = case_and_events
    registered = events[0]
    fields = {k: v for k, v in vars(registered).items()
              if k not in ("originator_id", "originator_version", "originator_topic")}
    meta = Meta(registered.actor, registered.role, registered.command_id, registered.timestamp,
                registered.effective_date, registered.reason, registered.correction)
    payload = {k: v for k, v in fields.items() if k not in ("timestamp", *Project.meta_fields(meta))}

    ours = Project._create_with(Project.Registered, registered.originator_id, meta, payload)
    theirs = Aggregate._create.__func__(Project, Project.Registered, id=registered.originator_id, **fields)

    assert list(vars(ours)) == list(vars(theirs))  # the same attributes in the same order: snapshots alike
    assert {k: v for k, v in vars(ours).items() if k != "_pending_events"} == {
        k: v for k, v in vars(theirs).items() if k != "_pending_events"}
    assert ours.pending_events == theirs.pending_events == [registered]


def test_replaying_a_creation_gives_what_the_library_creation_gives(case_and_events):
    from eventsourcing.domain import CanInitAggregate

    _, events = case_and_events
    ours, theirs = events[0].mutate(None), CanInitAggregate.mutate(events[0], None)

    assert list(vars(ours)) == list(vars(theirs))
    assert vars(ours) == vars(theirs)
