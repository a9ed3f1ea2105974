"""The aggregate cache keeps the library's LRU contract."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from eventsourcing.application import LRUCache

from application.aggregate_cache import LeanLRUCache
from tests.support import make_app


def test_a_miss_raises_key_error():
    with pytest.raises(KeyError):
        LeanLRUCache(2).get("a")


def test_the_least_recently_used_entry_is_evicted_and_returned():
    cache = LeanLRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a")  # now b is the least recently used

    evicted = cache.put("c", 3)

    assert evicted == ("b", 2)
    assert (cache.get("a"), cache.get("c")) == (1, 3)
    with pytest.raises(KeyError):
        cache.get("b")


def test_putting_a_cached_key_replaces_its_value_and_evicts_nothing():
    cache = LeanLRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)

    assert cache.put("a", 10) == (None, None)
    assert cache.put("c", 3) == ("b", 2)
    assert cache.get("a") == 10


def test_evicting_on_get_removes_the_entry():
    cache = LeanLRUCache(2)
    cache.put("a", 1)

    assert cache.get("a", evict=True) == 1
    with pytest.raises(KeyError):
        cache.get("a")
    assert not cache.full


@pytest.mark.parametrize("size", [1, 2, 3])
def test_the_same_operations_give_what_the_library_cache_gives(size):
    ours, library = LeanLRUCache(size), LRUCache(size)
    operations = [("put", "a", 1), ("put", "b", 2), ("get", "a"), ("put", "c", 3), ("get", "b"), ("put", "a", 4),
                  ("get", "c"), ("put", "d", 5), ("get", "a"), ("evict", "d"), ("get", "d"), ("put", "e", 6)]
    for op, key, *value in operations:
        results = []
        for cache in (ours, library):
            try:
                if op == "put":
                    results.append(cache.put(key, value[0]))
                else:
                    results.append(cache.get(key, evict=op == "evict"))
            except KeyError:
                results.append(KeyError)
        assert results[0] == results[1], (op, key)


def test_the_application_caches_aggregates_in_the_lean_cache():
    assert isinstance(make_app().repository.cache, LeanLRUCache)


def test_uuid_keys_and_other_keys_never_share_a_place():
    from uuid import UUID

    cache = LeanLRUCache(4)
    cache.put(UUID(int=7), "uuid")
    cache.put(7, "int")
    cache.put("7", "str")

    assert (cache.get(UUID(int=7)), cache.get(7), cache.get("7")) == ("uuid", "int", "str")


def test_an_evicted_uuid_key_comes_back_as_the_uuid_it_was():
    from uuid import UUID

    cache = LeanLRUCache(1)
    cache.put(UUID(int=1), "a")

    assert cache.put(UUID(int=2), "b") == (UUID(int=1), "a")


def test_an_unbounded_cache_serves_commands_as_the_lru_cache_does(sqlite_url):
    from application.aggregate_cache import UnboundedCache
    from tests.support import START, ctx, executing_project, set_up_kalix
    from datetime import date

    from application.clock import FixedClock

    from application.service import Udsyn
    from infrastructure.database import parse_url

    app = Udsyn(env={**parse_url(sqlite_url).env, "AGGREGATE_CACHE_MAXSIZE": "0"}, clock=FixedClock(START))
    set_up_kalix(app)
    ref = executing_project(app)
    assert type(app.repository.cache) is UnboundedCache

    app.spend(ctx(on=date(2026, 3, 1)), ref, amount="2", category="travel")
    app.spend(ctx(on=date(2026, 3, 1)), ref, amount="3", category="travel")

    assert str(app.load_project(ref).spent) == str(make_app(sqlite_url).load_project(ref).spent) == "5.00"
    assert app.repository.cache.take(app.resolve_ref(ref)).spent == app.load_project(ref).spent


@given(st.lists(st.tuples(st.sampled_from(["put", "get", "evict", "take"]), st.sampled_from("abcde"),
                          st.integers(0, 9)), max_size=40), st.integers(1, 4))
def test_any_operations_give_what_the_library_cache_gives(operations, size):
    ours, library = LeanLRUCache(size), LRUCache(size)
    for op, key, value in operations:
        results = []
        for cache in (ours, library):
            try:
                if op == "put":
                    results.append(cache.put(key, value))
                elif op == "take":
                    results.append(cache.take(key) if cache is ours else cache.get(key, evict=True))
                else:
                    results.append(cache.get(key, evict=op == "evict"))
            except KeyError:
                results.append(KeyError)
        assert results[0] == results[1], (op, key)
    assert ours.full == library.full


def test_threads_taking_and_putting_back_never_hold_the_same_value_at_once():
    """Each thread takes a case out, marks it held, and puts it back: a take that two threads could
    both win would find it already held (the library's cache guards this with its lock)."""
    import sys
    import threading
    import time
    from uuid import UUID

    cache, key, rounds = LeanLRUCache(18), UUID(int=42), 5_000
    cache.put(key, {"held": False, "takes": 0})
    both_held, won = [], [0] * 4

    def work(me: int) -> None:
        for i in range(rounds):
            try:
                case = cache.take(key)
            except KeyError:
                cache.put(UUID(int=i % 16), i)  # other keys come and go meanwhile
                continue
            if case["held"]:
                both_held.append(me)
            case["held"] = True
            time.sleep(0)  # a command works on it meanwhile, and other threads run
            case["takes"] += 1
            won[me] += 1
            case["held"] = False
            cache.put(key, case)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(switch)

    case = cache.take(key)
    assert both_held == [] and case["takes"] == sum(won) > 0
    assert len(cache.slots) <= cache.maxsize
