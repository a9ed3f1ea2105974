"""Recompute the chain from the stored events and compare it with the stored chain and seals."""
from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from domain.audit import ALTERED, DELETED, GENESIS, INSERTED, REORDERED, SEAL, Finding, LinkRow, Seal, Verification
from infrastructure.audit.chain import next_link
from infrastructure.audit.recorder import ChainedRecorder, EventRow

SUSPECTS = 200  # altered positions kept to look for reordering among them
CLOSED_YEAR_TOPIC = "domain.reporting_year:ReportingYear.Closed"  # its event records the head at close (R7)


@dataclass(frozen=True)
class _Suspect:
    position: int
    prev: bytes
    link: bytes
    event: EventRow


def verify(recorder: ChainedRecorder, seals: Iterable[Seal] = ()) -> Verification:
    """Walk the events in position order: each stored link must follow from the previous stored
    link and the event at its position; every event needs a link and every link an event. The
    heads recorded when years were closed are checked as seals are."""
    seals = [*recorder.seals(), *seals]
    wanted = {s.position for s in seals}
    sealed: dict[int, bytes] = {}
    result = Verification(seals=seals)
    suspects: list[_Suspect] = []
    findings = result.findings
    closes: list[Seal] = []
    prev, count, last = GENESIS, 0, None
    recomputed: bytes | None = None  # the link the previous event should have had, where its stored one differs
    with recorder.scan() as scan:
        orphans = deque(scan.orphans)
        for position, originator, version, topic, state, link in scan.events:
            while orphans and orphans[0][0] < position:
                last = _deleted(findings, orphans.popleft(), wanted, sealed)
                prev, recomputed = last[1], None
            count += 1
            if link is None:
                findings.append(Finding(position, INSERTED, "an event with no recorded link: it was inserted "
                                                            "afterwards"))
                continue
            try:
                t = topic.encode()
                expected: bytes | None = sha256(b"".join((
                    prev, position.to_bytes(8, "big"), len(originator).to_bytes(2, "big"), originator,
                    version.to_bytes(8, "big", signed=True), len(t).to_bytes(4, "big"), t, state,
                ))).digest()
            except (AttributeError, TypeError, ValueError, OverflowError):  # no event has such a row
                expected = None
            if expected != link:
                if recomputed is not None and _link(recomputed, position, originator, version, topic, state) == link:
                    _link_altered(findings, last[0])  # the previous link was changed, not its event: this one fits
                    expected = link
                elif last is not None and position > last[0] + 1:
                    gone = f"{last[0] + 1}" if position == last[0] + 2 else f"{last[0] + 1}–{position - 1}"
                    findings.append(Finding(last[0] + 1, DELETED, f"position {gone} is gone with its link and the "
                                                                  f"chain breaks at {position} (deleted)"))
                else:
                    findings.append(Finding(position, ALTERED, _altered(expected)))
                    if len(suspects) < SUSPECTS and isinstance(link, bytes) and expected is not None:
                        suspects.append(_Suspect(position, prev, link, (position, originator, version, topic, state)))
                if not isinstance(link, (bytes, bytearray, memoryview)):
                    link = b""  # a link no hash can equal
                recomputed = expected if expected != link else None
            else:
                recomputed = None
            if topic == CLOSED_YEAR_TOPIC:
                closes.extend(_recorded_head(state))
            if position in wanted:
                sealed[position] = bytes(link)
            prev = link
            last = (position, prev)
        while orphans:
            last = _deleted(findings, orphans.popleft(), wanted, sealed)
    result.events = count
    result.head = (last[0], bytes(last[1])) if last else None
    _reordered(findings, suspects)
    _check_seals(findings, seals, sealed, result.head)
    _check_seals(findings, closes, _stored_links(recorder, closes), result.head)
    result.seals.extend(closes)
    findings.sort(key=lambda f: (f.position, f.kind))
    return result


def _link(prev: bytes, position: int, originator: Any, version: Any, topic: Any, state: Any) -> bytes | None:
    """chain.next_link (the loop in `verify` inlines it), or None if the row is not one an event can
    be (a value of the wrong type, NULL): the row was altered."""
    try:
        return next_link(prev, position, originator, version, topic, state)
    except (AttributeError, TypeError, ValueError, OverflowError):
        return None


def _altered(expected: bytes | None) -> str:
    if expected is None:
        return "the stored row is not one an event can be (a value of the wrong type or missing): altered"
    return "the stored event does not match the link recorded when it was written (altered)"


def _link_altered(findings: list[Finding], position: int) -> None:
    """The finding at `position` was its link, not its event: the next event fits the link it should have had."""
    for i, f in enumerate(findings):
        if f.position == position and f.kind == ALTERED:
            findings[i] = Finding(position, ALTERED, "the link recorded here was changed; the event itself still "
                                                     "fits the chain (altered)")


def _recorded_head(state: Any) -> list[Seal]:
    """The chain head a year's close recorded ("POS:HASH"), as a seal of that close."""
    try:
        closed = json.loads(state)
        position, link = closed["chain_head"].split(":")
        return [Seal(int(position), bytes.fromhex(link), label=f"the head recorded when {closed['year']} was closed")]
    except (AttributeError, TypeError, ValueError, KeyError):
        return []  # no head recorded (a store without a chain then), or the event itself was altered: found above


def _stored_links(recorder: ChainedRecorder, closes: list[Seal]) -> dict[int, bytes]:
    links: dict[int, bytes] = {}
    for seal in closes:
        links.update(recorder.links_between(seal.position, seal.position))
    return links


def _deleted(findings: list[Finding], orphan: LinkRow, wanted: set[int], sealed: dict[int, bytes]) -> LinkRow:
    position, link = orphan
    findings.append(Finding(position, DELETED, "a link was recorded here but the event is gone (deleted)"))
    if position in wanted:
        sealed[position] = link
    return orphan
def _reordered(findings: list[Finding], suspects: list[_Suspect]) -> None:
    """An altered position whose link fits the event now stored at another altered position."""
    for here in suspects:
        for there in suspects:
            if there is here:
                continue
            _, originator, version, topic, state = there.event
            if next_link(here.prev, here.position, originator, version, topic, state) == here.link:
                findings.remove(next(f for f in findings if f.position == here.position and f.kind == ALTERED))
                findings.append(Finding(here.position, REORDERED,
                                        f"the event written here now sits at position {there.position} (reordered)"))
                break


def _check_seals(findings: list[Finding], seals: list[Seal], sealed: dict[int, bytes], last: LinkRow | None) -> None:
    for seal in seals:
        link = sealed.get(seal.position)
        if link is None:
            end = last[0] if last else 0
            findings.append(Finding(seal.position, SEAL, f"{seal.origin} names this position, but the chain "
                                                         f"has no link here (it ends at {end}): history was "
                                                         "truncated or rewritten"))
        elif link != seal.link:
            findings.append(Finding(seal.position, SEAL, f"the chain differs from {seal.origin}: the store "
                                                         "and its chain were rewritten at or before here"))
