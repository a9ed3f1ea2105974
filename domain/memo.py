"""A dict that works out each missing value once, for the per-class and per-key answers the
command path asks for on every command (a hit is one subscript in C, no Python call)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


class Memo(dict):
    """`memo[key]` is `work(key)`, worked out on the first miss and kept; `seed` gives some at once."""

    def __init__(self, work: Callable[[Any], Any], seed: Iterable[tuple[Any, Any]] | dict[Any, Any] = ()) -> None:
        super().__init__(seed)
        self._work = work

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self._work(key)
        return value
