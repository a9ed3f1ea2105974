"""Fresh command ids for the commands a caller sent without one (the application states every
command's circumstances in a domain.meta.Meta, application/app.py)."""
from __future__ import annotations

import os
from threading import Lock

_VERSION_4 = bytes(b & 0x0F | 0x40 for b in range(256))  # byte 6 of a uuid4: its version nibble, 4
_VARIANT = bytes(b & 0x3F | 0x80 for b in range(256))  # byte 8: the RFC 4122 variant bits, 10
_BATCH = 256


def uuid4_hexes(raw: bytes) -> list[str]:
    """uuid.UUID(bytes=chunk, version=4).hex for each 16-byte chunk of `raw`: the version and variant
    bits set by a table for every id at once, and one hex() for them all (uuid4().hex formats an
    int per id)."""
    ids = bytearray(raw)
    ids[6::16] = ids[6::16].translate(_VERSION_4)
    ids[8::16] = ids[8::16].translate(_VARIANT)
    text = ids.hex()
    return [text[i:i + 32] for i in range(0, len(text), 32)]


class CommandIds:
    """Fresh command ids, as uuid4().hex: random bits from os.urandom, asked for in batches (one
    system call per 256 commands, not one each). Each id is taken by list.pop, which a thread
    switch cannot interrupt; a forked child starts on a batch of its own."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._refill = Lock()
        os.register_at_fork(after_in_child=self._ids.clear)
        # the next id of the batch in hand, by list.pop in C (no Python call); an IndexError once the
        # batch is spent, when calling the CommandIds itself fetches the next
        self.ready = self._ids.pop

    def __call__(self) -> str:
        try:
            return self._ids.pop()
        except IndexError:
            with self._refill:
                self._ids += uuid4_hexes(os.urandom(16 * _BATCH))
            return self()


command_id = CommandIds()

