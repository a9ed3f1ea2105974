"""Recompute the chain from the stored events and compare it with the stored chain and seals."""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from hashlib import sha256

from domain.audit import ALTERED, DELETED, GENESIS, INSERTED, REORDERED, SEAL, Finding, LinkRow, Seal, Verification
from infrastructure.audit.chain import next_link
from infrastructure.audit.recorder import ChainedRecorder, EventRow

SUSPECTS = 200  # altered positions kept to look for reordering among them


@dataclass(frozen=True)
class _Suspect:
    position: int
    prev: bytes
    link: bytes
    event: EventRow


def verify(recorder: ChainedRecorder, seals: Iterable[Seal] = ()) -> Verification:
    """Walk the events in position order: each stored link must follow from the previous stored
    link and the event at its position; every event needs a link and every link an event."""
    seals = [*recorder.seals(), *seals]
    wanted = {s.position for s in seals}
    sealed: dict[int, bytes] = {}
    result = Verification(seals=seals)
    suspects: list[_Suspect] = []
    findings = result.findings
    prev, count, last = GENESIS, 0, None
    with recorder.scan() as scan:
        orphans = deque(scan.orphans)
        for position, originator, version, topic, state, link in scan.events:
            while orphans and orphans[0][0] < position:
                last = _deleted(findings, orphans.popleft(), wanted, sealed)
                prev = last[1]
            count += 1
            if link is None:
                findings.append(Finding(position, INSERTED, "an event with no recorded link: it was inserted "
                                                            "afterwards"))
                continue
            t = topic.encode()
            if sha256(b"".join((
                prev, position.to_bytes(8, "big"), len(originator).to_bytes(2, "big"), originator,
                version.to_bytes(8, "big", signed=True), len(t).to_bytes(4, "big"), t, state,
            ))).digest() != link:
                findings.append(Finding(position, ALTERED, "the stored event does not match the link recorded "
                                                           "when it was written (altered)"))
                if len(suspects) < SUSPECTS:
                    suspects.append(_Suspect(position, prev, bytes(link), (position, originator, version, topic,
                                                                            state)))
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
    findings.sort(key=lambda f: (f.position, f.kind))
    return result


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
