"""Commands of the reporting year (R7)."""
from __future__ import annotations

from application.validation import Command


class CloseYear(Command):
    year: int
