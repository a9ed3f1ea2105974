"""The aggregate cache: the library's LRU contract (get raises KeyError on a miss, put returns
what it evicted, both under a lock) kept in an OrderedDict, whose reordering is done in C."""
from __future__ import annotations

from collections import OrderedDict
from threading import Lock
from typing import Any

from eventsourcing.application import LRUCache


class LeanLRUCache(LRUCache):
    """The library's LRUCache keeps its recency list as linked Python lists, a dozen index
    operations per hit; a command hits the cache three or four times."""

    def __init__(self, maxsize: int) -> None:  # noqa: super().__init__ builds the linked list we do without
        self.maxsize = maxsize
        self.lock = Lock()
        self.cache: OrderedDict[Any, Any] = OrderedDict()

    @property
    def full(self) -> bool:
        return len(self.cache) >= self.maxsize

    def clear(self) -> None:
        with self.lock:
            self.cache.clear()

    def get(self, key: Any, *, evict: bool = False) -> Any:
        with self.lock:
            if evict:
                return self.cache.pop(key)
            value = self.cache[key]
            self.cache.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> tuple[Any, Any]:
        with self.lock:
            cache = self.cache
            cache[key] = value
            cache.move_to_end(key)
            if len(cache) > self.maxsize:
                return cache.popitem(last=False)
        return None, None
