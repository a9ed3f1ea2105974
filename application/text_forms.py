"""The written forms input is held to, shared by the CLI's option types and the command models
(light: the CLI loads it at start-up, before pydantic)."""
from __future__ import annotations

import re

SHOWN = 60  # characters of a refused input echoed in an error line: named, not copied
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # SPEC §5: not 20250203, not 2025-W06-1
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc, all of it: not in a one-line name
CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Cc less tab and newline: not in free text


def shortened(text: str) -> str:
    """`text` as an error line quotes it: a 100,000-character value is named, not copied."""
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"
