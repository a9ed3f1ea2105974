"""Idempotency: a command id, once applied, is remembered with its result."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.base import UdsynAggregate, deterministic_id
from domain.meta import Meta


def command_record_id(command_id: str) -> UUID:
    return deterministic_id("command", command_id)


class CommandRecord(UdsynAggregate):
    """Saved in the same transaction as the command's effect, so a retry cannot apply it twice."""

    class Applied(UdsynAggregate.Created):
        command: str
        fingerprint: str
        result: dict[str, Any]

        def apply(self, r: CommandRecord) -> None:
            r.command, r.fingerprint, r.result = self.command, self.fingerprint, self.result

    @classmethod
    def applied(cls, command: str, fingerprint: str, result: dict[str, Any], meta: Meta) -> CommandRecord:
        return cls._create_with(cls.Applied, command_record_id(meta.command_id), meta, dict(
            command=command,
            fingerprint=fingerprint,
            result=result,
        ))
