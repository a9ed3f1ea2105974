"""One link of the hash chain: sha256(previous link ‖ position ‖ originator ‖ version ‖ topic ‖ state).

Every field has a fixed width or a length prefix, so no two different events hash alike by
shifting bytes from one field into the next."""
from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any
from uuid import UUID

from domain.genesis import GENESIS

__all__ = ["GENESIS", "UUID_BYTES", "UUID_HEX", "extend", "next_link", "originator_bytes"]


class ByNumber(dict):  # type: ignore[type-arg]
    """A UUID's form (`make(uuid.int)`), remembered by its int: `UUID.hex` and `UUID.bytes` are
    Python properties that format the int anew each time, and commands name the same ids over
    and over. Bounded: cleared when it holds 4,096."""

    def __init__(self, make: Callable[[int], Any]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, number: int) -> Any:
        if len(self) >= 4096:
            self.clear()
        form = self[number] = self._make(number)
        return form


UUID_BYTES = ByNumber(lambda number: number.to_bytes(16, "big"))  # what uuid.bytes gives
UUID_HEX = ByNumber(lambda number: f"{number:032x}")  # what uuid.hex gives


def originator_bytes(originator_id: UUID | str) -> bytes:
    """The id as stored: a UUID's 16 bytes, any other id as UTF-8."""
    if type(originator_id) is UUID:
        return UUID_BYTES[originator_id.int]  # type: ignore[no-any-return]
    return originator_id.bytes if isinstance(originator_id, UUID) else str(originator_id).encode()


class _FirstLink:
    """Stands in for the fresh sha256 until the first link is made: hashlib (OpenSSL's start)
    costs a command that links nothing, `project show` say, ~4 ms of its start-up."""

    @staticmethod
    def copy() -> Any:
        global _FRESH
        from hashlib import sha256

        _FRESH = sha256()
        return _FRESH.copy()


_FRESH: Any = _FirstLink  # copied for each link: hashlib.sha256() looks OpenSSL's digest up by name each time
# the fixed-width fields, big-endian, two by two (one call each instead of int.to_bytes per field)
_POSITION_AND_LENGTH = struct.Struct(">QH").pack  # position: 8 bytes unsigned; the originator's length: 2
_VERSION_AND_LENGTH = struct.Struct(">qI").pack  # version: 8 bytes signed; the topic's length: 4
_UUID_FIELDS = struct.Struct(">QH16sqI").pack  # the same with a 16-byte originator between them


def next_link(prev: bytes, position: int, originator: bytes, version: int, topic: str, state: bytes) -> bytes:
    """The link for the event stored at `position`, following `prev`: sha256 of prev ‖ position
    (8 bytes) ‖ len(originator) (2) ‖ originator ‖ version (8, signed) ‖ len(topic) (4) ‖
    topic (UTF-8) ‖ state, every number big-endian."""
    t = topic.encode()
    try:
        if len(originator) == 16:  # a UUID's bytes: every field but the topic and state in one call
            fields = (prev, _UUID_FIELDS(position, 16, originator, version, len(t)), t, state)
        else:
            fields = (prev, _POSITION_AND_LENGTH(position, len(originator)), originator,
                      _VERSION_AND_LENGTH(version, len(t)), t, state)
    except struct.error as e:  # a number its field cannot hold: refused as int.to_bytes refuses it
        raise OverflowError(str(e)) from None
    digest = _FRESH.copy()
    digest.update(b"".join(fields))
    return digest.digest()


def extend(prev: bytes, rows: list[tuple[int, bytes, int, str, bytes]]) -> list[tuple[int, bytes]]:
    """Links for consecutive rows (position, originator, version, topic, state) after `prev`."""
    links = []
    for position, originator, version, topic, state in rows:
        prev = next_link(prev, position, originator, version, topic, state)
        links.append((position, prev))
    return links


ADOPTED_BY = "udsyn (chain started over the events already stored)"
