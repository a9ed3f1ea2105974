"""Export the whole event stream with its chain; import it into an empty database."""
from __future__ import annotations

from typing import IO

from eventsourcing.persistence import IntegrityError

from application.audit import AuditChain
from application.authorisation import ORGANISE, READ
from domain.audit import NotAnExport, Summary, TransferError
from domain.errors import InvalidInput, RuleViolation
from domain.project import Project


class AuditTransfer(AuditChain):
    def export_events(self, actor: str, out: IO[str]) -> Summary:
        """Write every event with its position and link as JSON Lines; the chain must verify."""
        self.authorised(actor, READ)
        try:
            return self.chained_recorder().export_to(out)
        except TransferError as e:
            raise RuleViolation(None, f"not exported: {e}") from None

    def import_events(self, actor: str, lines: IO[str]) -> Summary:
        """Restore an export into this empty database, verifying the chain while importing."""
        recorder = self.chained_recorder()
        held = self.recorder.max_notification_id()
        if held:
            self.authorised(actor, ORGANISE)
            raise RuleViolation(None, f"import only into an empty database; this one holds {held} events")
        try:
            summary = recorder.import_from(lines)
        except NotAnExport as e:
            raise InvalidInput("file", str(e)) from None
        except UnicodeDecodeError:
            raise InvalidInput("file", "not UTF-8 text; nothing imported") from None
        except TransferError as e:
            raise RuleViolation(None, f"{e}; nothing imported") from None
        except IntegrityError:
            raise RuleViolation(None, "import only into an empty database; nothing imported") from None
        self._snapshot_long_cases()
        return summary

    def _snapshot_long_cases(self) -> None:
        """Snapshots are derived, not exported: take them again for long cases, so loading stays fast."""
        interval = self.snapshotting_intervals.get(Project, 0)
        if not interval or self.snapshots is None:
            return
        for notification in self._registrations():
            latest = self.recorder.select_events(notification.originator_id, desc=True, limit=1)
            if latest and latest[0].originator_version >= interval:
                self.take_snapshot(notification.originator_id)

    def _registrations(self):
        topic, start = self.topic_of(Project.Registered), 1
        while batch := self.recorder.select_notifications(start, 1000, topics=[topic]):
            yield from batch
            start = batch[-1].id + 1
