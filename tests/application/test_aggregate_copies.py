"""A command works on a copy of the cached aggregate. A class that names its containers
(`copied_containers`) has just those copied: every list, dict or set it holds at any version must be
named, and its copies must equal the copy made by asking every attribute its type."""
from __future__ import annotations

from collections import defaultdict
from copy import copy

import pytest

from domain.base import UdsynAggregate
from tests.application.test_stored_events_roundtrip import drive_every_command, stored_events

CONTAINERS = (list, dict, set)


def every_version(app):
    """Every aggregate the scenario stored, at every one of its versions (replayed event by event)."""
    by_aggregate = defaultdict(list)
    for event in stored_events(app):
        by_aggregate[event.originator_id].append(event)
    for events in by_aggregate.values():
        aggregate = None
        for event in events:
            aggregate = event.mutate(aggregate)
            yield aggregate


def copied_by_type(aggregate):
    """The copy as made without a class's naming: every container found by its type, copied."""
    return {k: copy(v) if isinstance(v, CONTAINERS) else v for k, v in vars(aggregate).items()}


@pytest.fixture
def versions(kalix):
    drive_every_command(kalix)
    return list(every_version(kalix))


def test_every_container_held_at_any_version_is_named_and_every_named_one_is_a_plain_container(versions):
    naming = [a for a in versions if type(a).copied_containers is not None]
    assert {type(a).__name__ for a in naming} >= {"Project", "CaseCounter"}
    for aggregate in naming:
        held = {k for k, v in vars(aggregate).items() if isinstance(v, CONTAINERS)}
        assert held == set(type(aggregate).copied_containers), (type(aggregate).__name__, aggregate.version)
        assert all(type(vars(aggregate)[k]) in CONTAINERS for k in held)


def test_a_copy_equals_the_copy_made_by_type_and_shares_no_container_with_the_original(versions):
    for aggregate in versions:
        clone = aggregate.__deepcopy__({})
        assert type(clone) is type(aggregate)
        assert list(vars(clone).items()) == list(copied_by_type(aggregate).items())
        for name, value in vars(aggregate).items():
            if isinstance(value, CONTAINERS):
                assert vars(clone)[name] is not value, name
            else:
                assert vars(clone)[name] is value, name


def test_a_command_on_a_copy_leaves_the_original_as_it_was(kalix):
    ref = drive_every_command(kalix)
    project = kalix.load_project(ref)
    before = copied_by_type(project)
    clone = project.__deepcopy__({})
    for name in type(project).copied_containers:
        value = getattr(clone, name)
        value.append("changed") if isinstance(value, list) else value.update(changed=True)
    clone._pending_events.append("an event")
    assert vars(project) == before


def test_a_class_that_names_nothing_has_its_containers_found_by_type(kalix):
    org = kalix.organisation()
    assert type(org).copied_containers is None
    clone = org.__deepcopy__({})
    assert list(vars(clone).items()) == list(copied_by_type(org).items())
    assert all(vars(clone)[k] is not v for k, v in vars(org).items() if isinstance(v, CONTAINERS))
    assert UdsynAggregate.copied_containers is None
