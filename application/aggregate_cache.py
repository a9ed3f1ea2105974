"""The aggregate cache: the library's LRU contract (get raises KeyError on a miss, put returns
what it evicted, safe across threads) kept in an OrderedDict, whose reordering is done in C; and
the repository that only ever changes a cached aggregate while it holds it out of the cache."""
from __future__ import annotations

import sys
from collections import OrderedDict
from copy import deepcopy
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Cache, LRUCache, Repository, project_aggregate


def slot(key: Any) -> Any:
    """Where a key is kept: a UUID by its 128-bit int, which hashes in C (UUID.__hash__ is a
    Python method, and each dict operation calls it); any other key as a (type, key) pair, so
    that no other key can take a UUID's slot."""
    return key.int if type(key) is UUID else (type(key), key)


def _key(place: Any) -> Any:
    """The key kept in `place` (slot's inverse): an int slot is a UUID's."""
    return UUID(int=place) if type(place) is int else place[1]


class LeanLRUCache(LRUCache):
    """The library's LRUCache keeps its recency list as linked Python lists, a dozen index
    operations per hit, under a lock; a command hits the cache three or four times. Here each
    operation is one or two OrderedDict calls, each atomic under the GIL (int keys hash and
    compare in C): a take can never hand the same aggregate to two threads, and a take that
    falls between another operation's two calls leaves a miss (never a wrong value) at worst.
    `slots` holds the values by slot(key), least recently used first: the application's
    command path works on it directly (a method call per cache operation cost more than the
    operation)."""

    def __init__(self, maxsize: int) -> None:  # noqa: super().__init__ builds the linked list we do without
        self.maxsize = maxsize
        self.slots: OrderedDict[Any, Any] = OrderedDict()

    @property
    def full(self) -> bool:
        return len(self.slots) >= self.maxsize

    def clear(self) -> None:
        self.slots.clear()

    def get(self, key: Any, *, evict: bool = False) -> Any:
        place = key.int if type(key) is UUID else slot(key)
        slots = self.slots
        if evict:
            return slots.pop(place)
        value = slots[place]
        slots.move_to_end(place)  # a KeyError if taken meanwhile: a miss, as if taken first
        return value

    def take(self, key: Any) -> Any:
        """get(key, evict=True), called by position."""
        return self.slots.pop(key.int if type(key) is UUID else slot(key))

    def put(self, key: Any, value: Any) -> tuple[Any, Any]:
        place = key.int if type(key) is UUID else slot(key)
        slots = self.slots
        slots[place] = value
        try:
            slots.move_to_end(place)
        except KeyError:  # taken by another thread since: put, then taken
            return None, None
        if len(slots) > self.maxsize:
            try:
                place, value = slots.popitem(last=False)
            except KeyError:  # emptied meanwhile by other threads
                return None, None
            return _key(place), value
        return None, None

    def put_aggregates(self, aggregates: list[Any]) -> None:
        """put(a.id, a) for each of a command's aggregates, in one call."""
        slots = self.slots
        for aggregate in aggregates:
            key = aggregate._id  # the library's id property is a Python call
            place = key.int if type(key) is UUID else slot(key)
            slots[place] = aggregate
            try:
                slots.move_to_end(place)
            except KeyError:  # taken by another thread since: put, then taken
                pass
        while len(slots) > self.maxsize:
            try:
                slots.popitem(last=False)
            except KeyError:  # emptied meanwhile by other threads
                return


class UnboundedCache(Cache):
    """The library's unbounded Cache (AGGREGATE_CACHE_MAXSIZE=0), its values by slot(key) in `slots`
    as LeanLRUCache keeps them, with its take() and put_aggregates()."""

    maxsize = sys.maxsize

    def __init__(self) -> None:  # noqa: super().__init__ makes the dict we keep as slots
        self.slots: OrderedDict[Any, Any] = OrderedDict()

    def get(self, key: Any, *, evict: bool = False) -> Any:
        place = key.int if type(key) is UUID else slot(key)
        return self.slots.pop(place) if evict else self.slots[place]

    def take(self, key: Any) -> Any:
        return self.slots.pop(key.int if type(key) is UUID else slot(key))

    def put(self, key: Any, value: Any) -> None:
        if value is not None:  # as the library's Cache
            self.slots[key.int if type(key) is UUID else slot(key)] = value

    put_aggregates = LeanLRUCache.put_aggregates


def taking_cache(library_cache: Cache | None) -> Cache | None:
    """The cache the application keeps in place of the library's: a LeanLRUCache for its LRUCache,
    an UnboundedCache for its Cache (AGGREGATE_CACHE_MAXSIZE=0); both can take() an aggregate out,
    and keep their values in `slots`."""
    if type(library_cache) is LRUCache:
        return LeanLRUCache(library_cache.maxsize)
    if type(library_cache) is Cache:
        return UnboundedCache()
    return library_cache  # None: no cache


class TakingRepository(Repository):
    """The library's repository, except that a cached aggregate is fast-forwarded and copied while
    taken out of the cache, then put back: the library changes the cached object in place, where
    another thread may be reading it or (a command deciding on trust) changing it itself. An
    aggregate is thus only ever changed by the one thread holding it out of the cache. (A thread
    that finds it out reconstructs it from the store, so fast-forward skipping has nothing to skip.)"""

    def get(self, aggregate_id: Any, *, version: int | None = None, projector_func: Any = project_aggregate,
            fastforward_skipping: bool = False, deepcopy_from_cache: bool = True) -> Any:
        cache = self.cache
        if cache is None or version is not None:
            return super().get(aggregate_id, version=version, projector_func=projector_func)
        try:
            aggregate = cache.get(aggregate_id, evict=True)
        except KeyError:
            aggregate = self._reconstruct_aggregate(aggregate_id, None, projector_func)
        else:
            if self.fastforward:
                new_events = self.event_store.get(originator_id=aggregate_id, gt=aggregate.version)
                aggregate = projector_func(aggregate, new_events)
                if aggregate is None:
                    raise AggregateNotFoundError(aggregate_id)
        handed_out = deepcopy(aggregate) if deepcopy_from_cache and self.deepcopy_from_cache else aggregate
        cache.put(aggregate_id, aggregate)
        return handed_out
