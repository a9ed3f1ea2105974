"""Export and import of the whole event stream as JSON Lines, with positions and chain links.

Line 1 names the format; one line per stored event follows, in position order; the last line
closes the file with the count and the head, so a file cut short at a line break is caught too."""
from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from typing import IO, Any
from uuid import UUID

from domain.audit import GENESIS, NotAnExport, Summary, TransferError
from infrastructure.audit.chain import next_link
from infrastructure.audit.recorder import ChainedRecorder

FORMAT = "udsyn-events"
VERSION = 1
EVENT_KEYS = {"position", "originator_id", "originator_version", "topic", "link"}


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def export_stream(recorder: ChainedRecorder, out: IO[str]) -> Summary:
    """Write every stored event with its link; refuse (TransferError) if the chain does not verify,
    since a backup that would not import is no backup."""
    out.write(_line({"format": FORMAT, "version": VERSION}))
    prev, count, head = GENESIS, 0, (0, GENESIS)
    with recorder.scan() as scan:
        if scan.orphans:
            raise TransferError(f"position {scan.orphans[0][0]} has a link but no event; run 'udsyn audit verify'")
        for position, originator, version, topic, state, link in scan.events:
            if link is None:
                raise TransferError(f"position {position} has no link; run 'udsyn audit verify'")
            if next_link(prev, position, originator, version, topic, state) != link:
                raise TransferError(f"position {position} does not match its link; run 'udsyn audit verify'")
            link = bytes(link)
            out.write(_line({"position": position, "originator_id": _originator_text(originator),
                             "originator_version": version, "topic": topic, **_state_field(bytes(state)),
                             "link": link.hex()}))
            prev, count, head = link, count + 1, (position, link)
    summary = Summary(count, f"{head[0]}:{head[1].hex()}")
    out.write(_line({"end": True, "events": count, "head": summary.head}))
    return summary


def import_stream(recorder: ChainedRecorder, lines: IO[str]) -> Summary:
    """Restore the file into the empty store, verifying the chain line by line; any fault rolls
    the whole import back (nothing is written)."""
    reader = _Reader(lines)
    reader.check_header()
    recorder.import_rows(reader.rows())
    assert reader.summary is not None
    return reader.summary


class _Reader:
    def __init__(self, lines: IO[str]) -> None:
        self.lines = lines
        self.summary: Summary | None = None

    def check_header(self) -> None:
        try:
            data = json.loads(self.lines.readline())
        except ValueError:
            data = None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise NotAnExport("not an udsyn export (its first line does not name the udsyn-events format)", 1)
        if data.get("version") != VERSION:
            raise NotAnExport(f"export format version {data.get('version')!r} is not supported", 1)

    def rows(self) -> Iterator[tuple[int, UUID | str, int, str, bytes, bytes]]:
        prev, count, last, number = GENESIS, 0, 0, 1
        for number, text in enumerate(self.lines, start=2):
            data = _parse(text, number)
            if data.get("end") is True:
                _check_end(data, number, count, last, prev, self.lines)
                self.summary = Summary(count, f"{last}:{prev.hex()}")
                return
            position, originator_id, version, topic, state, link = _event(data, number)
            if position <= last:
                raise TransferError(f"position {position} does not follow position {last} (reordered)", number)
            if next_link(prev, position, _originator_bytes(originator_id), version, topic, state) != link:
                if position > last + 1:
                    gone = f"{last + 1}" if position == last + 2 else f"{last + 1}–{position - 1}"
                    raise TransferError(f"the chain breaks at position {position}: position {gone} is not before it "
                                        "(a line removed or reordered)", number)
                raise TransferError(f"the chain does not verify at position {position} (altered, reordered, or a line before it removed)", number)
            yield position, originator_id, version, topic, state, link
            prev, count, last = link, count + 1, position
        raise TransferError("the file ends without its closing line (truncated)", number + 1)


def _parse(text: str, number: int) -> dict[str, Any]:
    if not text.endswith("\n"):
        raise TransferError("the line is cut short (truncated)", number)
    try:
        data = json.loads(text)
    except ValueError:
        raise TransferError("not valid JSON (corrupted)", number) from None
    if not isinstance(data, dict):
        raise TransferError("not a JSON object (corrupted)", number)
    return data


def _event(data: dict[str, Any], number: int) -> tuple[int, UUID | str, int, str, bytes, bytes]:
    missing = EVENT_KEYS - data.keys()
    if missing or not ({"state", "state_base64"} & data.keys()):
        raise TransferError(f"missing {', '.join(sorted(missing)) or 'state'} (corrupted)", number)
    try:
        position, version, topic = data["position"], data["originator_version"], data["topic"]
        if not (isinstance(position, int) and isinstance(version, int) and isinstance(topic, str)):
            raise ValueError
        state = (data["state"].encode() if "state" in data else base64.b64decode(data["state_base64"], validate=True))
        link = bytes.fromhex(data["link"])
        if len(link) != 32:
            raise ValueError
        return position, _originator(data["originator_id"]), version, topic, state, link
    except (ValueError, TypeError, AttributeError, binascii.Error):
        raise TransferError("a field has the wrong type or form (corrupted)", number) from None


def _check_end(data: dict[str, Any], number: int, count: int, last: int, prev: bytes, lines: IO[str]) -> None:
    head = f"{last}:{prev.hex()}"
    if data.get("events") != count or data.get("head") != head:
        raise TransferError(f"the closing line says {data.get('events')} events ending {data.get('head')}, "
                            f"the file holds {count} ending {head}", number)
    if lines.readline():
        raise TransferError("there is more after the closing line", number + 1)


def _originator(value: Any) -> UUID | str:
    if not isinstance(value, str):
        raise TypeError
    try:
        return UUID(value)
    except ValueError:
        return value


def _originator_bytes(originator_id: UUID | str) -> bytes:
    return originator_id.bytes if isinstance(originator_id, UUID) else originator_id.encode()


def _originator_text(originator: bytes) -> str:
    return str(UUID(bytes=originator)) if len(originator) == 16 else originator.decode()


def _state_field(state: bytes) -> dict[str, str]:
    try:
        return {"state": state.decode()}
    except UnicodeDecodeError:
        return {"state_base64": base64.b64encode(state).decode()}
