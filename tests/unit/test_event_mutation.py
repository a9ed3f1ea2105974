"""Events mutate their aggregate as the library's events do: creation by the library's own
mutate, every later event by UdsynAggregate.Event.mutate with the library's checks."""
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
def test_creating_events_keep_the_library_mutate_and_the_others_use_ours(event_class):
    expected = CanInitAggregate.mutate if issubclass(event_class, CanInitAggregate) else UdsynAggregate.Event.mutate
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
