"""The repository fast-forwards a cached aggregate while it holds it out of the cache, and hands
out what the library's repository hands out."""
from __future__ import annotations

from datetime import date

from eventsourcing.application import Repository
from hypothesis import given
from hypothesis import strategies as st

from application.aggregate_cache import LeanLRUCache, TakingRepository
from tests.support import ctx, executing_project, make_app, set_up_kalix


def test_a_cached_case_fast_forwarded_by_the_repository_equals_the_librarys_and_stays_cached(sqlite_url):
    writer, reader = make_app(sqlite_url), make_app(sqlite_url)
    set_up_kalix(writer)
    ref = executing_project(writer)
    project_id = reader.resolve_ref(ref)
    assert isinstance(reader.repository, TakingRepository)
    reader.load_project(ref)  # cached by the reader
    writer.spend(ctx(on=date(2026, 3, 1)), ref, amount="7", category="resor")
    library = Repository(reader.events, snapshot_store=reader.snapshots)

    handed_out = reader.repository.get(project_id)
    cached = reader.repository.cache.get(project_id)

    assert handed_out is not cached
    assert handed_out.__dict__ == cached.__dict__ == library.get(project_id).__dict__
    assert (handed_out.version, str(handed_out.spent)) == (writer.load_project(ref).version, "7.00")


def test_an_aggregate_read_in_place_is_the_cached_one(sqlite_url):
    from domain.organisation import Organisation

    app = make_app(sqlite_url)
    set_up_kalix(app)
    app.repository.cache = LeanLRUCache(10)

    first = app.repository.get(Organisation.ID, deepcopy_from_cache=False)

    assert app.repository.get(Organisation.ID, deepcopy_from_cache=False) is first
    assert app.repository.cache.get(Organisation.ID) is first


@given(st.integers(1, 10_000), st.integers(1, 200), st.integers(1, 100))
def test_a_snapshot_is_due_when_one_of_the_new_versions_is_a_multiple_of_the_interval(version, new, interval):
    from application.saving import snapshot_due

    new = min(new, version)
    assert snapshot_due(version, new, interval) == any(v % interval == 0 for v in range(version - new + 1, version + 1))
