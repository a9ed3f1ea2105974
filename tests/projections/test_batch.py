"""A batch answers the questions several views ask of it (events of a kind, projects touched, the
statuses they end in) exactly as a pass over every envelope in stream order answers them."""
from __future__ import annotations

from typing import Any

from domain.partnership import Partnership
from domain.project import Project
from domain.strategy import Strategy
from infrastructure.projections.base import PROJECT_TOPIC, Batch
from infrastructure.projections.case_status import PLAIN, latest_statuses, status_after
from infrastructure.projections.reader import EventReader
from tests.projections.test_fast_paths import _demo_app


def _every_event(app: Any) -> Batch:
    return EventReader(app.recorder, app.mapper).read(0, 100_000)


def _statuses_event_by_event(batch: list) -> dict:
    """latest_statuses as it was written first: one look at every event, in stream order."""
    found = {}
    for envelope in batch:
        status = PLAIN.get(type(envelope.event))
        if status is None and isinstance(envelope.event, Project.DecisionRecorded):
            status = status_after(envelope.event)
        if status is not None:
            found[envelope.originator_id] = status
    return found


def test_a_batch_of_every_kind_of_event_answers_as_a_pass_over_every_event():
    build = _demo_app("memory://")
    batch = _every_event(build)
    kinds = {type(e.event) for e in batch}
    assert len(kinds) >= 20 and isinstance(batch, Batch)

    for wanted in [(Strategy.Adopted, Strategy.Revised, Project.Registered), (Partnership.Event, Project.Registered),
                   Project.DecisionRecorded, Project.Event, (Strategy.Revised,)]:
        assert batch.of_kind(wanted) == [e for e in batch if isinstance(e.event, wanted)]
    for topic in {e.topic for e in batch} | {"no.such:Topic"}:
        assert batch.of_topic(topic) == [e for e in batch if e.topic == topic]
    assert batch.project_events == [e for e in batch if e.topic.startswith(PROJECT_TOPIC)]
    assert batch.project_ids == {e.aggregate_id: e.originator_id for e in batch if e.topic.startswith(PROJECT_TOPIC)}

    expected = _statuses_event_by_event(batch)
    assert expected and list(latest_statuses(batch).items()) == list(expected.items())
    assert latest_statuses(batch) is latest_statuses(batch)  # worked out once per batch
    plain = list(batch)  # a view handed a plain list gets the same answers
    assert list(latest_statuses(plain).items()) == list(expected.items())


def test_every_slice_of_the_stream_answers_as_a_pass_over_its_events():
    batch = _every_event(_demo_app("memory://"))
    for start in range(0, len(batch), 7):
        for size in (1, 5, 30):
            part = Batch(batch[start:start + size])
            assert list(latest_statuses(part).items()) == list(_statuses_event_by_event(part).items())
            assert part.of_kind(Project.Event) == [e for e in part if isinstance(e.event, Project.Event)]
