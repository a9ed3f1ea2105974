"""Auditor use cases on the hash chain: verify the stored history, seal its head."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO, Protocol, runtime_checkable

from application.app import UdsynCore
from application.authorisation import READ
from domain.audit import LinkRow, Seal, Summary, Verification
from domain.errors import InvalidInput, NotPermitted, RuleViolation, UdsynError

SEALING_ROLES = ("admin", "auditor")
SEAL_TEXT = re.compile(r"^\s*(\d+):([0-9a-fA-F]{64})\s*$")


def parse_seal(text: str) -> Seal:
    """POS:HASH as `audit seal` prints it."""
    match = SEAL_TEXT.match(text or "")
    if not match:
        raise InvalidInput("seal", f"'{text}' is not POS:HASH (a position, a colon, 64 hex digits)")
    return Seal(int(match[1]), bytes.fromhex(match[2]))


@runtime_checkable
class ChainStore(Protocol):
    """What the audit use cases need of an event store that writes the hash chain with the events
    (infrastructure/audit provides it on the SQLite and PostgreSQL recorders)."""

    def verify_chain(self, seals: Iterable[Seal] = ()) -> Verification: ...

    def head(self) -> LinkRow | None: ...

    def add_seal(self, seal: Seal) -> None: ...

    def positions_of(self, originator_id: object) -> dict[int, int]: ...

    def snapshot_versions(self, table: str) -> list[tuple[object, int]]: ...

    def export_to(self, out: IO[str]) -> Summary: ...

    def import_from(self, lines: IO[str]) -> Summary: ...


class AuditChain(UdsynCore):
    def chained_recorder(self) -> ChainStore:
        if not isinstance(self.recorder, ChainStore):
            raise InvalidInput("db", "this event store keeps no audit chain; use SQLite or PostgreSQL")
        return self.recorder

    def verify_chain(self, actor: str, seals: list[Seal] | None = None) -> Verification:
        """Recompute the chain over the whole store; compare with the stored chain and every seal;
        check that every snapshot is the state its events replay to."""
        try:
            self.authorised(actor, READ)
        except UdsynError:
            raise
        except Exception:  # the organisation's own events no longer decode: verify is how to find where
            pass
        recorder = self.chained_recorder()
        result = recorder.verify_chain(seals or [])
        self._check_snapshots(recorder, result)
        return result

    def _check_snapshots(self, recorder: ChainStore, result: Verification) -> None:
        """A snapshot is outside the chain, and a command loads a case from its latest one: one
        that is not what its events replay to would let a command decide on a state that never was."""
        if self.snapshots is None:
            return
        from domain.audit import SNAPSHOT, Finding

        for originator_id, version in recorder.snapshot_versions(self.snapshots.recorder.events_table_name):
            if self._snapshot_replays(originator_id, version):
                continue
            try:
                position = recorder.positions_of(originator_id).get(version, 0)
            except Exception:  # an originator that is no id
                position = 0
            result.findings.append(Finding(position, SNAPSHOT, f"the snapshot of {originator_id} at version "
                                           f"{version} is not the state its events replay to (altered)"))
        result.findings.sort(key=lambda f: (f.position, f.kind))

    def _snapshot_replays(self, originator_id: object, version: int) -> bool:
        try:
            (snapshot,) = self.snapshots.get(originator_id, gt=version - 1, lte=version)  # type: ignore[union-attr]
            replayed = None
            for event in self.events.get(originator_id, lte=version):
                replayed = event.mutate(replayed)
            return replayed is not None and replayed.version == version \
                and _state(snapshot.mutate(None)) == _state(replayed)
        except Exception:  # a snapshot or event that no longer decodes is not its events' state either
            return False

    def seal_chain(self, actor: str) -> Seal:
        """Record the verified head (position and hash) for the auditor to keep outside the system."""
        _, user = self.authorised(actor, READ)
        if user.role not in SEALING_ROLES:
            article = "an" if user.role[:1] in "aeiou" else "a"
            raise NotPermitted(f"'{actor}' is {article} {user.role}; only an auditor or an admin seals the chain")
        recorder = self.chained_recorder()
        result = recorder.verify_chain()
        if not result.clean:
            raise RuleViolation(None, f"the chain does not verify ({result.first}); nothing sealed")
        if result.head is None:
            raise RuleViolation(None, "the store is empty; there is nothing to seal")
        seal = Seal(result.head[0], result.head[1], self.clock.now(), user.name)
        recorder.add_seal(seal)
        return seal


def _state(aggregate: object) -> dict[str, object]:
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}
