"""Idempotency: a command sent again with its command id gets its stored result back, never
applied twice; the same id for another command is refused."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from eventsourcing.application import AggregateNotFoundError

from domain.errors import DuplicateCommand

if TYPE_CHECKING:
    from application.validation import Command
    from domain.command_record import CommandRecord


class CommandRecords:
    """The application's command records (domain.command_record), by command id."""

    @staticmethod
    def _fingerprint(name: str, cmd: Command, target: str | None = None) -> str:
        from hashlib import sha256  # here, not at import: OpenSSL's start is ~4 ms of a read-only command's

        body = json.dumps([name, target, cmd.model_dump(mode="json")], sort_keys=True, default=str)
        return sha256(body.encode()).hexdigest()

    def _prior_result(self, command_id: str, name: str, fingerprint: str) -> dict[str, Any] | None:
        from domain.command_record import command_record_id

        try:
            record: CommandRecord = self.get(command_record_id(command_id))
        except AggregateNotFoundError:
            return None
        if record.command != name or record.fingerprint != fingerprint:
            raise DuplicateCommand(
                f"command id '{command_id}' was already used for a different command ({record.command})"
            )
        return {**record.result, "replayed": True}
