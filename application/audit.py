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

    def export_to(self, out: IO[str]) -> Summary: ...

    def import_from(self, lines: IO[str]) -> Summary: ...


class AuditChain(UdsynCore):
    def chained_recorder(self) -> ChainStore:
        if not isinstance(self.recorder, ChainStore):
            raise InvalidInput("db", "this event store keeps no audit chain; use SQLite or PostgreSQL")
        return self.recorder

    def verify_chain(self, actor: str, seals: list[Seal] | None = None) -> Verification:
        """Recompute the chain over the whole store; compare with the stored chain and every seal."""
        try:
            self.authorised(actor, READ)
        except UdsynError:
            raise
        except Exception:  # the organisation's own events no longer decode: verify is how to find where
            pass
        return self.chained_recorder().verify_chain(seals or [])

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
