"""Ids as the application meets them: a case named by its reference or its id, and an id as text."""
from __future__ import annotations

from functools import lru_cache
from uuid import UUID

from domain.project import project_id


@lru_cache(maxsize=4096)  # a batch names the same cases again and again; an id is immutable
def case_id(ref: str) -> UUID:
    """The id of a case named by its reference (KAL-2026-0001) or by its id."""
    try:
        return UUID(ref)
    except ValueError:
        return project_id(ref.strip().upper())


_ID_TEXTS: dict[int, str] = {}


def id_text(aggregate_id: UUID) -> str:
    """str(aggregate_id), remembered for the cases in hand: every command's result gives the case's
    id, and UUID.__str__ formats it in Python each time."""
    text = _ID_TEXTS.get(aggregate_id.int)
    if text is None:
        if len(_ID_TEXTS) >= 4096:
            _ID_TEXTS.clear()
        text = _ID_TEXTS[aggregate_id.int] = str(aggregate_id)
    return text
