"""_record and _create_with build an event in place (its __dict__ filled in field order) and apply it
themselves when every field is given in order; they must build and apply exactly what the event's
__init__ and mutate do, which is the path taken for anything else. The aggregates' id, version and
pending events are read by C-level getters; they must read what the library's properties read."""
from __future__ import annotations

from copy import deepcopy
from dataclasses import fields
from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest
from eventsourcing.domain import Aggregate, ProgrammingError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.base import UdsynAggregate, _CREATED_PAYLOAD, _RECORDED_PAYLOAD
from domain.in_place import CREATED_FIELDS, RECORDED_FIELDS
from domain.case_counter import CaseCounter
from domain.frozen_init import settled_init
from domain.meta import Meta
from domain.money import Amount
from domain.project import Project
from tests.support import START, ctx, executing_project, make_app, set_up_kalix
from tests.unit.event_payloads import aggregate_of, event_arguments, event_classes

RECORDED = sorted((c for c in event_classes() if not issubclass(c, UdsynAggregate.Created)),
                  key=lambda c: c.__qualname__)
CREATED = sorted((c for c in event_classes() if issubclass(c, UdsynAggregate.Created)), key=lambda c: c.__qualname__)


def examples(count: int):
    """hypothesis over `data`, its examples sharing the `applied` fixture (each test clears its notes)."""
    def decorate(test):
        return settings(max_examples=count, deadline=None,
                        suppress_health_check=[HealthCheck.function_scoped_fixture])(given(data=st.data())(test))
    return decorate


def by_its_init(event_class: type, arguments: dict) -> object:
    """The event as the frozen dataclass's own __init__ builds it."""
    event = object.__new__(event_class)
    settled_init(event_class).dataclass_init(event, **arguments)
    return event


def items(event: object) -> list:
    return list(vars(event).items())


class Shell(UdsynAggregate):
    """An aggregate any event may be recorded on: each event's apply is replaced by a note."""


@pytest.fixture
def applied(monkeypatch):
    """Every event class's apply notes the event and the aggregate it was given, and nothing else."""
    notes: list[tuple[object, object]] = []
    for event_class in [*RECORDED, *CREATED]:
        monkeypatch.setattr(event_class, "apply", lambda event, aggregate: notes.append((event, aggregate)))
    return notes


def test_every_event_of_ours_is_recorded_or_created_in_place():
    assert len(RECORDED) > 20 and len(CREATED) >= 7
    for event_class in RECORDED:
        assert _RECORDED_PAYLOAD[event_class] == tuple(f.name for f in fields(event_class))[len(RECORDED_FIELDS):]
    for event_class in CREATED:
        assert _CREATED_PAYLOAD[event_class] == tuple(f.name for f in fields(event_class))[len(CREATED_FIELDS):]
        assert aggregate_of(event_class).__init__ is UdsynAggregate.__init__


@pytest.mark.parametrize("event_class", RECORDED, ids=lambda c: c.__qualname__)
@examples(25)
def test_a_recorded_event_is_built_and_applied_as_its_init_and_mutate_would(applied, event_class, data):
    arguments = data.draw(event_arguments(event_class))
    meta = meta_of(arguments)
    payload = {k: v for k, v in arguments.items() if k not in RECORDED_FIELDS}
    shell = Shell._create(Shell.Created, id=arguments["originator_id"], **Shell.meta_fields(meta))
    shell._version = data.draw(st.integers(1, 10**6))
    expected = by_its_init(event_class, {**arguments, "originator_version": shell._version + 1})
    applied.clear()

    shell._record(event_class, meta, **payload)

    event = shell.pending_events[-1]
    assert type(event) is event_class and items(event) == items(expected)
    assert applied == [(event, shell)]
    assert (shell.version, shell.modified_on) == (expected.originator_version, expected.timestamp)


@pytest.mark.parametrize("event_class", [c for c in RECORDED if len(_RECORDED_PAYLOAD[c]) > 1],
                         ids=lambda c: c.__qualname__)
@examples(5)
def test_a_payload_given_in_another_order_still_gives_the_fields_in_field_order(applied, event_class, data):
    arguments = data.draw(event_arguments(event_class))
    meta = Meta("olle", "officer", "c-1", START, date(2026, 3, 1))
    payload = {k: v for k, v in arguments.items() if k not in RECORDED_FIELDS}
    shell = Shell._create(Shell.Created, id=UUID(int=5), **Shell.meta_fields(meta))

    shell._record(event_class, meta, **dict(reversed(payload.items())))

    assert list(vars(shell.pending_events[-1])) == [f.name for f in fields(event_class)]
    assert shell.pending_events[-1] == by_its_init(event_class, {
        **arguments, **Shell.meta_fields(meta), "originator_id": UUID(int=5), "originator_version": 2})


@pytest.mark.parametrize("event_class", CREATED, ids=lambda c: c.__qualname__)
@examples(25)
def test_a_created_event_is_built_and_applied_as_the_library_s_create_builds_it(applied, event_class, data):
    arguments = data.draw(event_arguments(event_class))
    cls = aggregate_of(event_class)
    meta = meta_of(arguments)
    payload = {k: v for k, v in arguments.items() if k not in CREATED_FIELDS}
    applied.clear()  # the notes are the fixture's, kept across examples

    ours = cls._create_with(event_class, arguments["originator_id"], meta, payload)
    theirs = Aggregate._create.__func__(cls, event_class, id=arguments["originator_id"], **cls.meta_fields(meta),
                                        **payload)

    assert type(ours) is type(theirs) is cls
    assert items(ours.pending_events[0]) == items(theirs.pending_events[0]) == items(
        by_its_init(event_class, {**arguments, "originator_version": cls.INITIAL_VERSION}))
    assert {k: v for k, v in vars(ours).items() if k != "_pending_events"} == {
        k: v for k, v in vars(theirs).items() if k != "_pending_events"}
    assert list(vars(ours)) == list(vars(theirs))
    assert [a for _, a in applied] == [ours, theirs]


@pytest.mark.parametrize("event_class", [c for c in CREATED if len(_CREATED_PAYLOAD[c]) > 1],
                         ids=lambda c: c.__qualname__)
@examples(5)
def test_a_creation_whose_payload_is_in_another_order_gives_the_fields_in_field_order(applied, event_class, data):
    arguments = data.draw(event_arguments(event_class))
    payload = {k: v for k, v in arguments.items() if k not in CREATED_FIELDS}
    created = aggregate_of(event_class)._create_with(
        event_class, arguments["originator_id"], meta_of(arguments), dict(reversed(payload.items())))
    assert items(created.pending_events[0]) == items(by_its_init(event_class, {**arguments, "originator_version": 1}))


@pytest.mark.parametrize("wrong", [{}, {"code": "KAL"}, {"code": "KAL", "year": 2026, "colour": "red"}])
def test_a_creation_with_a_wrong_payload_is_refused_as_create_refuses_it(wrong):
    meta = Meta("olle", "officer", "c-1", START, date(2026, 3, 1))
    with pytest.raises(TypeError, match=r"^Unable to construct 'CaseCounter.Opened' event"):
        CaseCounter._create_with(CaseCounter.Opened, UUID(int=9), meta, wrong)


def test_a_creation_without_a_recorded_time_is_timed_as_the_library_times_it():
    meta = Meta("olle", "officer", "c-1", None, date(2026, 3, 1))
    counter = CaseCounter._create_with(CaseCounter.Opened, UUID(int=9), meta, {"code": "KAL", "year": 2026})
    assert counter.pending_events[0].timestamp is not None and counter.created_on == counter.pending_events[0].timestamp


def meta_of(arguments: dict) -> Meta:
    return Meta(arguments["actor"], arguments["role"], arguments["command_id"], arguments["timestamp"],
                arguments["effective_date"], arguments["reason"], arguments["correction"])


def test_an_event_with_a_mutate_of_its_own_is_recorded_by_it():
    mutated = []

    class Noted(UdsynAggregate):
        class Touched(UdsynAggregate.Event):
            def mutate(self, aggregate):
                mutated.append(self)
                return UdsynAggregate.Event.mutate(self, aggregate)

    meta = Meta("olle", "officer", "c-1", START, date(2026, 3, 1))
    noted = Noted._create(Noted.Created, id=UUID(int=3), **Noted.meta_fields(meta))
    noted._record(Noted.Touched, meta)
    assert _RECORDED_PAYLOAD[Noted.Touched] is None and mutated == noted.pending_events[1:]


def test_an_event_with_a_post_init_is_built_by_its_init():
    checked = []

    class Checking(UdsynAggregate):
        class Checked(UdsynAggregate.Event):
            def __post_init__(self):
                checked.append(self)

    meta = Meta("olle", "officer", "c-1", START, date(2026, 3, 1))
    checking = Checking._create(Checking.Created, id=UUID(int=4), **Checking.meta_fields(meta))
    checking._record(Checking.Checked, meta)
    assert _RECORDED_PAYLOAD[Checking.Checked] is None and checked == checking.pending_events[1:]


def test_recording_on_a_real_case_in_place_gives_what_the_long_way_gives():
    app = make_app()
    set_up_kalix(app)
    project = app.load_project(executing_project(app))
    meta = Meta("olle", "officer", "c-1", START, date(2026, 3, 1), reason="why")
    amount = Amount.of(Decimal("12.50"), "SEK", "SEK")
    ours, theirs = deepcopy(project), deepcopy(project)

    ours.record_expenditure(amount, "resor", "tåg", meta)  # in field order: in place
    ours.record_measurement("elever", Decimal(3), meta)
    theirs._record(Project.ExpenditureRecorded, meta, description="tåg", category="resor", amount=amount)
    theirs._record(Project.MeasurementRecorded, meta, value=Decimal(3), key="elever")  # reordered: the long way

    assert [items(e) for e in ours.collect_events()] == [items(e) for e in theirs.collect_events()]
    assert list(vars(ours).items()) == list(vars(theirs).items())


def test_issuing_case_numbers_in_place_gives_what_the_library_s_trigger_event_gives():
    meta = Meta("olle", "officer", "c-1", START, date(2026, 3, 1))
    ours, theirs = CaseCounter.open("KAL", 2026, meta), CaseCounter.open("KAL", 2026, meta)
    for _ in range(3):
        ours.issue(meta)
        Aggregate.trigger_event(theirs, CaseCounter.NumberIssued, number=theirs.issued + 1,
                                **CaseCounter.meta_fields(meta))
    assert [items(e) for e in ours.pending_events] == [items(e) for e in theirs.pending_events]
    assert vars(ours) == vars(theirs)


def test_the_id_version_and_pending_events_are_read_as_the_library_reads_them():
    meta = Meta("olle", "officer", "c-1", START, date(2026, 3, 1))
    counter = CaseCounter.open("KAL", 2026, meta)
    counter.issue(meta)
    for name in ("id", "version", "pending_events"):
        assert getattr(counter, name) is getattr(Aggregate, name).fget(counter)
    counter.version = 7
    assert counter._version == counter.version == 7
    with pytest.raises(AttributeError):
        counter.id = UUID(int=1)
    assert UdsynAggregate.version.__doc__ == Aggregate.version.__doc__


def test_the_fields_the_in_place_paths_fill_are_the_ones_events_begin_with():
    assert CREATED_FIELDS[:4] == ("originator_id", "originator_version", "timestamp", "originator_topic")
    assert CREATED_FIELDS[4:] == RECORDED_FIELDS[3:]
    assert [f.name for f in fields(Project.ExpenditureRecorded)][:9] == list(RECORDED_FIELDS)


def test_an_aggregate_whose_id_is_not_a_uuid_records_nothing_as_the_library_s_check_refuses_it():
    meta = Meta("olle", "officer", "c-1", START, date(2026, 3, 1))
    counter = CaseCounter.open("KAL", 2026, meta)
    counter._id = str(counter.id)
    before = dict(vars(counter))
    with pytest.raises(TypeError, match=r"^Can't construct event .*NumberIssued.*UUID"):
        counter.issue(meta)
    assert vars(counter) == before and len(counter.pending_events) == 1


def test_an_aggregate_with_an_init_of_its_own_or_an_explicit_topic_is_created_the_library_s_way():
    meta = Meta("olle", "officer", "c-1", START, date(2026, 3, 1))

    class Initialised(UdsynAggregate):
        def __init__(self) -> None:
            self.initialised = True

    class Named(UdsynAggregate):
        TOPIC = "udsyn-test-named"

        class Created(UdsynAggregate.Created):
            TOPIC = "udsyn-test-named-created"

    assert Initialised._create_with(Initialised.Created, UUID(int=1), meta, {}).initialised is True
    named = Named._create_with(Named.Created, UUID(int=2), meta, {})
    theirs = Aggregate._create.__func__(Named, Named.Created, id=UUID(int=2), **Named.meta_fields(meta))
    assert items(named.pending_events[0]) == items(theirs.pending_events[0])
    assert named.pending_events[0].originator_topic == "udsyn-test-named"
    with pytest.raises(ProgrammingError, match="Explicit topic not defined"):  # the library's check of its events
        Named._create_with(Shell.Created, UUID(int=2), meta, {})
    with pytest.raises(TypeError, match="UUID"):
        CaseCounter._create_with(CaseCounter.Opened, "not-a-uuid", meta, {"code": "KAL", "year": 2026})


def test_recording_something_that_is_not_an_event_is_refused_as_before():
    meta = Meta("olle", "officer", "c-1", START, date(2026, 3, 1))
    counter = CaseCounter.open("KAL", 2026, meta)
    with pytest.raises(TypeError, match=r"^Can't construct event"):
        counter._record(dict, meta, number=1)
    assert len(counter.pending_events) == 1 and counter.version == 1
