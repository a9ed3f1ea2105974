"""The aggregate cache: the library's LRU contract (get raises KeyError on a miss, put returns
what it evicted, both under a lock) kept in an OrderedDict, whose reordering is done in C."""
from __future__ import annotations

from collections import OrderedDict
from threading import Lock
from typing import Any
from uuid import UUID

from eventsourcing.application import LRUCache


def _slot(key: Any) -> Any:
    """Where a key is kept: a UUID by its 128-bit int, which hashes in C (UUID.__hash__ is a
    Python method, and each dict operation calls it); any other key as a (type, key) pair, so
    that no other key can take a UUID's slot."""
    return key.int if type(key) is UUID else (type(key), key)


class LeanLRUCache(LRUCache):
    """The library's LRUCache keeps its recency list as linked Python lists, a dozen index
    operations per hit; a command hits the cache three or four times."""

    def __init__(self, maxsize: int) -> None:  # noqa: super().__init__ builds the linked list we do without
        self.maxsize = maxsize
        self.lock = Lock()
        self.cache: OrderedDict[Any, tuple[Any, Any]] = OrderedDict()  # slot -> (key, value)

    @property
    def full(self) -> bool:
        return len(self.cache) >= self.maxsize

    def clear(self) -> None:
        with self.lock:
            self.cache.clear()

    def get(self, key: Any, *, evict: bool = False) -> Any:
        slot = key.int if type(key) is UUID else _slot(key)
        with self.lock:
            if evict:
                return self.cache.pop(slot)[1]
            value = self.cache[slot][1]
            self.cache.move_to_end(slot)
            return value

    def put(self, key: Any, value: Any) -> tuple[Any, Any]:
        slot = key.int if type(key) is UUID else _slot(key)
        with self.lock:
            cache = self.cache
            cache[slot] = (key, value)
            cache.move_to_end(slot)
            if len(cache) > self.maxsize:
                return cache.popitem(last=False)[1]
        return None, None
