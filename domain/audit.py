"""What an audit of the stored history finds and keeps: seals, findings, a verification, a
transfer summary. Plain values; computing them is infrastructure's (infrastructure/audit/)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.errors import UdsynError
from domain.genesis import GENESIS as GENESIS  # the link before the first event (re-exported)

LinkRow = tuple[int, bytes]  # position, link

ALTERED, DELETED, INSERTED, REORDERED, SEAL = "altered", "deleted", "inserted", "reordered", "seal"
SNAPSHOT = "snapshot"  # a stored snapshot that is not the state its events replay to


@dataclass(frozen=True)
class Seal:
    """A chain head recorded on request, for the auditor to keep outside the system too."""

    position: int
    link: bytes
    sealed_at: datetime | None = None
    actor: str | None = None
    label: str | None = None  # where a seal not made by `audit seal` comes from (a year's close)

    def __str__(self) -> str:
        return f"{self.position}:{self.link.hex()}"

    @property
    def origin(self) -> str:
        if self.label is not None:
            return self.label
        if self.sealed_at is None:
            return "the seal given"
        return f"the seal of {self.sealed_at:%Y-%m-%d %H:%M} by {self.actor}"


@dataclass(frozen=True)
class Finding:
    """One position where the stored stream and the chain written with it disagree."""

    position: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"position {self.position}: {self.message}"


@dataclass
class Verification:
    events: int = 0
    head: LinkRow | None = None
    findings: list[Finding] = field(default_factory=list)
    seals: list[Seal] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.findings

    @property
    def first(self) -> Finding | None:
        return min(self.findings, key=lambda f: f.position) if self.findings else None

    @property
    def head_text(self) -> str:
        return f"{self.head[0]}:{self.head[1].hex()}" if self.head else "0:" + GENESIS.hex()


class TransferError(UdsynError):
    """The file or the store cannot be transferred; `line` names where, when known."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


class NotAnExport(TransferError):
    """The file is not an udsyn export at all (malformed input rather than a damaged export)."""


@dataclass(frozen=True)
class Summary:
    events: int
    head: str

