"""Events are built by domain.frozen_init's __init__, which must build exactly what the frozen
dataclass's own __init__ builds: the same attributes in the same order, equal, hashed, printed,
pickled, copied and stored alike, and refused alike."""
from __future__ import annotations

import copy
import inspect
import pickle
from dataclasses import FrozenInstanceError, field, fields, replace
from datetime import timezone
from uuid import UUID

import pytest
from eventsourcing.domain import DomainEvent
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.base import UdsynAggregate
from domain.frozen_init import FastInitEvent, replaced, settled_init
from domain.meta import Meta
from domain.money import Amount
from domain.organisation import ROLES
from domain.project import Project
from domain.records import (
    Condition, Decision, ExpectedEffects, FundingApplication, Indicator, Obligation, Statement,
)
from tests.support import make_app
from tests.unit.event_payloads import (
    AGGREGATES, amounts, applications, conditions, corrections, decisions, effects, event_arguments,
    event_classes, indicators, names, statements,
)

EVENT_CLASSES = sorted(event_classes(), key=lambda c: c.__qualname__)


@pytest.fixture(scope="module")
def mapper():
    return make_app("memory://").mapper


def by_the_dataclass(event_class: type, *args, **kwargs):
    event = object.__new__(event_class)
    settled_init(event_class).dataclass_init(event, *args, **kwargs)
    return event


def outcome(call):
    try:
        return call()
    except Exception as e:  # noqa: BLE001 - the exception is what is compared
        return type(e), str(e)


def test_every_event_class_is_a_frozen_dataclass_whose_signature_is_its_dataclass_init_s():
    """FastInitEvent takes MetaDomainEvent's steps but works `__signature__` out only when asked."""
    bases = [vars(a)[name] for a in AGGREGATES for name in ("Event", "Created") if name in vars(a)]
    for event_class in [*EVENT_CLASSES, *bases]:
        assert event_class.__dataclass_params__.frozen, event_class
        assert "__signature__" not in vars(event_class)
        # what MetaDomainEvent stores: its __init__'s, self included
        assert inspect.signature(event_class) == inspect.signature(settled_init(event_class).dataclass_init)
        assert event_class.__doc__


def test_every_event_class_and_every_base_event_class_is_built_by_the_fast_init():
    bases = [vars(a)[name] for a in AGGREGATES for name in ("Event", "Created") if name in vars(a)]
    for event_class in [*EVENT_CLASSES, *bases]:
        assert inspect.signature(event_class.__init__) == inspect.signature(settled_init(event_class))
        assert hasattr(settled_init(event_class), "dataclass_init"), event_class
        dataclass_init = settled_init(event_class).dataclass_init
        assert inspect.signature(event_class.__init__) == inspect.signature(dataclass_init)


@pytest.mark.parametrize("event_class", EVENT_CLASSES, ids=lambda c: c.__qualname__)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_an_event_is_built_as_the_dataclass_builds_it(mapper, event_class, data):
    arguments = data.draw(event_arguments(event_class))
    ours, theirs = event_class(**arguments), by_the_dataclass(event_class, **arguments)

    assert list(vars(ours).items()) == list(vars(theirs).items())  # the same fields in the same order
    assert ours == theirs and repr(ours) == repr(theirs)
    assert outcome(lambda: hash(ours)) == outcome(lambda: hash(theirs))
    assert pickle.loads(pickle.dumps(ours)) == theirs
    assert copy.copy(ours) == copy.deepcopy(ours) == theirs
    assert mapper.to_stored_event(ours) == mapper.to_stored_event(theirs)
    positional = [arguments[f.name] for f in fields(event_class) if not f.kw_only]
    keywords = {f.name: arguments[f.name] for f in fields(event_class) if f.kw_only}
    assert list(vars(event_class(*positional, **keywords)).items()) == list(vars(theirs).items())


@pytest.mark.parametrize("event_class", EVENT_CLASSES, ids=lambda c: c.__qualname__)
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_wrong_arguments_are_refused_with_the_dataclass_s_own_words(event_class, data):
    arguments = data.draw(event_arguments(event_class))
    missing = {k: v for k, v in arguments.items() if k != "originator_version"}
    unknown = {**arguments, "colour": "red"}
    not_a_uuid = {**arguments, "originator_id": str(arguments["originator_id"])}
    too_many = [arguments[f.name] for f in fields(event_class) if not f.kw_only] + ["extra"]

    for call in ([], missing), ([], unknown), ([], not_a_uuid), (too_many, {}):
        ours = outcome(lambda: event_class(*call[0], **call[1]))
        theirs = outcome(lambda: by_the_dataclass(event_class, *call[0], **call[1]))
        assert isinstance(ours, tuple) and ours == theirs


def test_a_uuid_subclass_is_an_id_as_the_library_s_check_allows():
    class Special(UUID):
        pass

    special = Special(int=7)
    arguments = dict(originator_id=special, originator_version=1, timestamp=None, actor="a", role="officer",
                     command_id="c", reason=None, effective_date=None, key="k")
    theirs = by_the_dataclass(Project.ObligationFulfilled, **arguments)
    assert vars(Project.ObligationFulfilled(**arguments)) == vars(theirs)


def test_an_event_stays_frozen():
    event = Project.Withdrawn(originator_id=UUID(int=1), originator_version=2, timestamp=None, actor="a",
                              role="officer", command_id="c", reason="r", effective_date=None)
    with pytest.raises(FrozenInstanceError):
        event.reason = "another"


def test_a_class_whose_init_does_more_than_store_keeps_the_dataclass_s_init():
    calls = []

    class Checked(DomainEvent, metaclass=FastInitEvent):
        def __post_init__(self) -> None:
            calls.append(self)

    class Hidden(DomainEvent, metaclass=FastInitEvent):
        note: str = field(default="", init=False)

    class Plain(DomainEvent, metaclass=FastInitEvent):
        note: str = ""

    assert not hasattr(settled_init(Checked), "dataclass_init") and not hasattr(settled_init(Hidden), "dataclass_init")
    assert hasattr(settled_init(Plain), "dataclass_init")
    checked = Checked(originator_id=UUID(int=1), originator_version=1, timestamp=None)
    assert calls == [checked]


class _AtLeastZero:
    """A data descriptor: the dataclass's __init__ sets the field through it."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = "_" + name

    def __get__(self, obj: object, owner: type | None = None) -> int:
        return 0 if obj is None else obj.__dict__.get(self.name, 0)

    def __set__(self, obj: object, value: int) -> None:
        obj.__dict__[self.name] = max(0, value)


def test_a_field_behind_a_data_descriptor_keeps_the_dataclass_init_that_sets_through_it():
    class Levelled(DomainEvent, metaclass=FastInitEvent):
        level: int = _AtLeastZero()  # type: ignore[assignment]

    assert not hasattr(settled_init(Levelled), "dataclass_init")
    assert Levelled(originator_id=UUID(int=1), originator_version=1, timestamp=None, level=-5).level == 0


def test_a_class_s_fast_init_is_written_at_its_first_construction_not_at_import():
    class Later(DomainEvent, metaclass=FastInitEvent):
        note: str = ""

    waiting = Later.__dict__["__init__"]
    assert hasattr(waiting, "awaits_construction") and not hasattr(waiting, "dataclass_init")
    assert inspect.signature(waiting) == inspect.signature(waiting.awaits_construction)
    built = Later(UUID(int=1), 1, None, "x")
    assert hasattr(Later.__dict__["__init__"], "dataclass_init") and not hasattr(Later.__dict__["__init__"], "awaits_construction")
    assert list(vars(built).items()) == [("originator_id", UUID(int=1)), ("originator_version", 1), ("timestamp", None),
                                         ("note", "x")]


def test_a_default_factory_is_called_for_every_instance_that_is_not_given_the_field():
    class Listed(DomainEvent, metaclass=FastInitEvent):
        items: list = field(default_factory=list)

    assert hasattr(settled_init(Listed), "dataclass_init")
    first, second = (Listed(originator_id=UUID(int=n), originator_version=1, timestamp=None) for n in (1, 2))
    given = Listed(UUID(int=3), 1, None, ["x"])
    assert first.items == [] and first.items is not second.items and given.items == ["x"]
    assert list(vars(first)) == ["originator_id", "originator_version", "timestamp", "items"]
    assert inspect.signature(Listed.__init__) == inspect.signature(Listed.__init__.dataclass_init)  # settled by then


def test_the_fast_init_is_the_one_every_aggregate_records_with():
    assert settled_init(UdsynAggregate.Event) is not settled_init(UdsynAggregate.Event).dataclass_init
    assert type(Project.Registered) is FastInitEvent


# --- value objects: the same __init__ by decorator, and replaced() for dataclasses.replace -------------

metas = st.builds(Meta, actor=names, role=st.sampled_from(ROLES), command_id=names,
                  recorded_at=st.datetimes(timezones=st.just(timezone.utc)), effective_date=st.dates(),
                  reason=st.none() | names, correction=st.none() | corrections)
VALUES = {Meta: metas, Amount: amounts, Condition: conditions, Decision: decisions,
          Obligation: st.builds(Obligation, key=names, text=names, due=st.dates(), decision=st.integers(1, 9),
                                fulfilled_on=st.none() | st.dates()),
          FundingApplication: applications, Indicator: indicators, Statement: statements,
          ExpectedEffects: effects}


@pytest.mark.parametrize("value_class", list(VALUES), ids=lambda c: c.__name__)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_value_object_is_built_as_the_dataclass_builds_it(value_class, data):
    example = data.draw(VALUES[value_class])
    arguments = {f.name: getattr(example, f.name) for f in fields(value_class)}
    ours, theirs = value_class(**arguments), by_the_dataclass(value_class, **arguments)
    assert list(vars(ours).items()) == list(vars(theirs).items())
    assert ours == theirs and repr(ours) == repr(theirs)
    assert outcome(lambda: hash(ours)) == outcome(lambda: hash(theirs))
    assert pickle.loads(pickle.dumps(ours)) == copy.deepcopy(ours) == theirs
    assert value_class(*arguments.values()) == theirs
    for wrong in ({**arguments, "colour": 1}, dict(list(arguments.items())[:-1])):
        theirs = outcome(lambda: by_the_dataclass(value_class, **wrong))
        assert outcome(lambda: value_class(**wrong)) == theirs


@pytest.mark.parametrize("value_class", list(VALUES), ids=lambda c: c.__name__)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_replaced_gives_what_dataclasses_replace_gives(value_class, data):
    record, other = data.draw(VALUES[value_class]), data.draw(VALUES[value_class])
    names_changed = data.draw(st.sets(st.sampled_from([f.name for f in fields(value_class)])))
    changes = {name: getattr(other, name) for name in names_changed}
    ours, theirs = replaced(record, **changes), replace(record, **changes)
    assert type(ours) is type(theirs) and list(vars(ours).items()) == list(vars(theirs).items())
    assert outcome(lambda: replaced(record, colour=1)) == outcome(lambda: replace(record, colour=1))


def test_expected_effects_get_a_list_of_notes_of_their_own():
    assert hasattr(settled_init(ExpectedEffects), "dataclass_init")
    assert ExpectedEffects().notes == [] and ExpectedEffects().notes is not ExpectedEffects().notes


def test_replacing_builds_in_place_only_what_its_init_would_just_store():
    from domain.frozen_init import STORES_ONLY

    assert all(STORES_ONLY[c] for c in (Indicator, FundingApplication, Obligation, Amount, Meta))
    event = Project.Withdrawn(originator_id=UUID(int=1), originator_version=2, timestamp=None, actor="a",
                              role="officer", command_id="c", reason="r", effective_date=None)
    assert not STORES_ONLY[Project.Withdrawn]  # its __init__ checks the id too
    assert outcome(lambda: replaced(event, originator_id="1")) == outcome(lambda: replace(event, originator_id="1"))
    assert vars(replaced(event, reason="s")) == vars(replace(event, reason="s"))


def _as_the_dataclass_writes_them(event_class: type) -> type:
    """A frozen dataclass with the event class's fields, in order, flags kept: its generated
    `__repr__`, `__eq__` and `__hash__` are what `dataclass(frozen=True)` would have given it."""
    import dataclasses
    from typing import Any

    return dataclasses.make_dataclass("Reference", [
        (f.name, Any, dataclasses.field(repr=f.repr, compare=f.compare, hash=f.hash)) for f in fields(event_class)
    ], frozen=True)


@pytest.mark.parametrize("event_class", EVENT_CLASSES, ids=lambda c: c.__qualname__)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_an_event_is_compared_hashed_and_printed_as_the_dataclass_s_own_methods_do_it(event_class, data):
    reference = _as_the_dataclass_writes_them(event_class)
    arguments = data.draw(event_arguments(event_class))
    ours, same, other = event_class(**arguments), event_class(**arguments), event_class(
        **data.draw(event_arguments(event_class)))

    assert repr(ours) == reference.__repr__(ours)
    assert outcome(lambda: hash(ours)) == outcome(lambda: reference.__hash__(ours))
    assert (ours == same, ours == other, ours != other) == (
        reference.__eq__(ours, same), reference.__eq__(ours, other), not reference.__eq__(ours, other))
    assert ours.__eq__(object()) is NotImplemented and ours.__eq__(vars(ours)) is NotImplemented
    assert not event_class.__dataclass_params__.eq and not event_class.__dataclass_params__.repr


def test_methods_an_event_class_writes_itself_are_kept_as_dataclasses_keeps_them():
    from domain.frozen_init import compared

    class Own(metaclass=FastInitEvent):  # the metaclass's steps on a class with its own methods
        originator_id: UUID
        originator_version: int

        def __repr__(self) -> str:
            return "own"

        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = object.__hash__

    assert (repr(Own(UUID(int=1), 1)), Own(UUID(int=1), 1) == 5) == ("own", True)
    assert Own.__hash__ is object.__hash__
    assert compared(Own) is Own

    class Unhashable(metaclass=FastInitEvent):  # __hash__ = None written without an __eq__: kept
        originator_id: UUID
        __hash__ = None  # type: ignore[assignment]

    class OwnEq(metaclass=FastInitEvent):  # an __eq__ alone: Python's __hash__ = None is replaced
        originator_id: UUID

        def __eq__(self, other: object) -> bool:
            return True

    assert Unhashable.__hash__ is None and outcome(lambda: hash(Unhashable(UUID(int=1))))[0] is TypeError
    assert hash(OwnEq(UUID(int=1))) == hash((UUID(int=1),))
