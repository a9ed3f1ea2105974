"""A command's circumstances (domain.meta.Meta) as the application states them for every command:
who and as what, a fresh command id unless the caller gave one, the time recorded, the date effective."""
from __future__ import annotations

import os
from datetime import datetime
from threading import Lock
from typing import Any

from domain.meta import Meta

_VERSION_4 = (0x4 << 76) | (0x2 << 62)  # the version nibble and the RFC 4122 variant bits of a uuid4
_KEEP = ~((0xF << 76) | (0x3 << 62)) & ((1 << 128) - 1)  # every other bit is random
_BATCH = 256


class CommandIds:
    """Fresh command ids, as uuid4().hex: random bits from os.urandom, asked for in batches (one
    system call per 256 commands, not one each). Each id is taken by list.pop, which a thread
    switch cannot interrupt; a forked child starts on a batch of its own."""

    def __init__(self) -> None:
        self._ids: list[int] = []
        self._refill = Lock()
        os.register_at_fork(after_in_child=self._ids.clear)

    def __call__(self) -> str:
        try:
            return "%032x" % self._ids.pop()
        except IndexError:
            with self._refill:
                raw = os.urandom(16 * _BATCH)
                self._ids += [int.from_bytes(raw[i:i + 16]) & _KEEP | _VERSION_4 for i in range(0, len(raw), 16)]
            return self()


command_id = CommandIds()


def meta(actor: str, role: str, command: str | None, recorded_at: datetime, effective_date: Any,
         reason: str | None, correction: Any) -> Meta:
    """Meta(actor, role, command id (a fresh one for None), recorded_at, effective_date, reason,
    correction), its fields passed by position (by keyword each goes through a dict and a search)."""
    return Meta(actor, role, command or command_id(), recorded_at, effective_date, reason, correction)
