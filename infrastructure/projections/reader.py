"""Reading the event store's notification log in batches, each event decoded once for all views."""
from __future__ import annotations

from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Mapper

from infrastructure.projections.base import Envelope


class EventReader:
    """The whole stream in notification order, as Envelopes, a batch at a time."""

    def __init__(self, recorder: ApplicationRecorder, mapper: Mapper) -> None:
        self.recorder = recorder
        self.mapper = mapper

    def head(self) -> int:
        """The position of the newest stored event (0 for an empty store)."""
        return self.recorder.max_notification_id() or 0

    def read(self, after: int, limit: int) -> list[Envelope]:
        """Up to `limit` events recorded after position `after`, oldest first."""
        notifications = self.recorder.select_notifications(after, limit, inclusive_of_start=False)
        decode = self.mapper.to_domain_event
        return [
            Envelope(
                position=n.id,
                originator_id=n.originator_id if isinstance(n.originator_id, UUID) else UUID(str(n.originator_id)),
                version=n.originator_version,
                topic=n.topic,
                state=n.state,
                event=decode(n),
            )
            for n in notifications
        ]
