"""Saving a command's aggregates: their events and any due snapshot, in one transaction where the
event store can."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification, Recording

from domain.consistency import SNAPSHOTS


class Saving(Application):
    """The library's save for our aggregates (the application sets `_snapshots_with_events`)."""

    _snapshots_with_events = False

    def save(self, *aggregates: Any, **options: Any) -> list[Recording[UUID]]:
        """The library's save for our aggregates: events collected without its per-object
        typing.Protocol checks, and a due snapshot taken from the aggregate in hand (it has just
        applied the very events stored) instead of replaying the case from the store again; where
        the event store can, the snapshot is written in the events' own transaction."""
        recordings = self._save(aggregates, options, recordings=True)
        self._notify(recordings)
        return recordings

    def _save(self, aggregates: Any, options: dict[str, Any], recordings: bool) -> list[Recording[UUID]]:
        """save() without `_notify`; the recordings (each event paired with its notification)
        are made only when asked for: a command's result never needs them."""
        events: list[Any] = []
        snapshots = []
        intervals = self.snapshotting_intervals if self.snapshots is not None else {}
        for aggregate in aggregates:
            if aggregate is not None:
                new = aggregate.collect_events()
                events += new
                interval = intervals.get(type(aggregate))
                # due if one of the new versions (version-len(new)+1 … version) is a multiple of the
                # interval (version >= len(new): it counts them); _version: the property is a Python call
                if interval and aggregate._version % interval < len(new):
                    snapshots.append(getattr(type(aggregate), "Snapshot", self.snapshot_class).take(aggregate))
        if snapshots and self._snapshots_with_events:
            options[SNAPSHOTS] = [self.snapshots.mapper.to_stored_event(s) for s in snapshots]  # type: ignore[union-attr]
            snapshots = []
        stored = list(map(self.mapper.to_stored_event, events))
        positions = self.recorder.insert_events(stored, tracking=None, **options)
        repository = self._repository  # the library's repository property is a Python call
        if repository.cache and not repository.fastforward:  # as the library's _record
            for aggregate in aggregates:
                if aggregate is not None:
                    repository.cache.put(aggregate.id, aggregate)
        if snapshots:
            self.snapshots.put(snapshots)  # type: ignore[union-attr]
        if not recordings or not positions:
            return []
        return [
            Recording(event, Notification(originator_id=s.originator_id, originator_version=s.originator_version,
                                          topic=s.topic, state=s.state, id=position))
            for event, s, position in zip(events, stored, positions, strict=True)
        ]

