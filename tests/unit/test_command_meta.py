"""A command's Meta as the application states it: who and as what, the command id given or a fresh
one (a uuid4's hex, never the same twice, in threads or after a fork), the time recorded, the date
effective."""
from __future__ import annotations

import dataclasses
import os
import threading
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from application.clock import FixedClock
from application.command_meta import command_id, uuid4_hexes
from application.context import Context
from application.ids import id_text
from domain.meta import Meta
from tests.support import make_app

texts = st.text(max_size=20)
moments = st.datetimes(datetime(1970, 1, 1), timezones=st.just(timezone.utc)).map(lambda moment: moment.replace(fold=0))  # as a clock reads
APP = make_app()


def stated(actor: str, role: str, command: str | None, at: datetime, effective: date | None = None,
           reason: str | None = None) -> Meta:
    """The Meta the application states for `actor` acting as `role` at `at` (the clock reads it)."""
    APP.clock = FixedClock(at - timedelta(microseconds=1))
    return APP._meta(Context(actor, command, reason, effective), SimpleNamespace(name=actor, role=role))


@given(texts, texts, st.none() | texts, moments, st.none() | st.dates(), st.none() | texts)
def test_a_commands_meta_is_the_dataclass_meta_field_for_field(actor, role, command, at, effective, reason):
    made = stated(actor, role, command, at, effective, reason)
    expected = Meta(actor, role, command or made.command_id, at, effective or at.date(), reason, None)

    assert type(made) is Meta and (made.command_id == command if command else UUID(made.command_id).version == 4)
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert dataclasses.asdict(made) == dataclasses.asdict(expected)


def test_meta_stays_frozen():
    made = stated("olle", "officer", "c-1", datetime(2026, 1, 5, tzinfo=timezone.utc))

    with pytest.raises(dataclasses.FrozenInstanceError):
        made.actor = "anna"  # type: ignore[misc]


def test_without_a_command_id_a_fresh_one_is_a_uuid4_hex():
    made = stated("olle", "officer", None, datetime(2026, 1, 5, tzinfo=timezone.utc))

    parsed = UUID(made.command_id)
    assert made.command_id == parsed.hex and parsed.version == 4 and parsed.variant == "specified in RFC 4122"


def test_a_fresh_id_is_the_next_of_the_batch_in_hand_and_a_spent_batch_is_refilled():
    command_id()  # a batch in hand
    next_in_batch = command_id._ids[-1]

    assert stated("olle", "officer", None, datetime(2026, 1, 5, tzinfo=timezone.utc)).command_id == next_in_batch
    command_id._ids.clear()
    made = [stated("olle", "officer", None, datetime(2026, 1, 5, tzinfo=timezone.utc)).command_id for _ in range(3)]
    assert len(set(made)) == 3 and {UUID(i).version for i in made} == {4} and len(command_id._ids) == 256 - 3


def test_fresh_command_ids_from_several_threads_are_never_the_same():
    found: list[list[str]] = [[] for _ in range(4)]

    def draw(into: list[str]) -> None:
        into.extend(command_id() for _ in range(3000))

    threads = [threading.Thread(target=draw, args=(into,)) for into in found]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    every = [i for into in found for i in into]
    assert len(set(every)) == len(every) == 12000
    assert {UUID(i).version for i in every} == {4}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX")
def test_a_forked_process_draws_other_command_ids_than_its_parent():
    command_id()  # the parent holds a batch
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.write(write, ",".join(command_id() for _ in range(50)).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    with os.fdopen(read) as pipe:
        childs = set(pipe.read().split(","))

    assert len(childs) == 50 and not childs & {command_id() for _ in range(50)}


@given(st.uuids())
def test_an_id_as_text_is_str_of_the_id(aggregate_id):
    assert id_text(aggregate_id) == str(aggregate_id) == id_text(aggregate_id)


@given(st.lists(st.binary(min_size=16, max_size=16), max_size=20))
def test_a_batch_of_ids_is_what_uuid4_makes_of_the_same_random_bytes(chunks):
    assert uuid4_hexes(b"".join(chunks)) == [UUID(bytes=chunk, version=4).hex for chunk in chunks]
