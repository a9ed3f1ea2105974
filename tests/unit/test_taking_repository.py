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


class Case:
    """An aggregate as _save sees one: its version, the events it collects, its Snapshot class."""

    taken: list[int] = []

    def __init__(self, version: int, new: int) -> None:
        self._version, self._new = version, new

    def collect_events(self) -> list[object]:
        return [object()] * self._new

    class Snapshot:
        @staticmethod
        def take(aggregate: Case) -> int:
            Case.taken.append(aggregate._version)
            return aggregate._version


@given(st.integers(1, 10_000), st.integers(0, 200), st.integers(1, 100))
def test_a_snapshot_is_taken_when_one_of_the_new_versions_is_a_multiple_of_the_interval(version, new, interval):
    from types import SimpleNamespace

    from application.saving import Saving

    new, put = min(new, version), []
    saving = SimpleNamespace(
        snapshotting_intervals={Case: interval}, snapshots=SimpleNamespace(put=put.extend),
        snapshot_class=None, _snapshots_with_events=False, mapper=SimpleNamespace(to_stored_event=lambda event: event),
        recorder=SimpleNamespace(insert_events=lambda stored, tracking, **options: list(range(len(stored)))),
        _repository=SimpleNamespace(cache=None, fastforward=True),
    )

    Saving._save(saving, [Case(version, new)], {}, False)

    assert (put == [version]) == any(v % interval == 0 for v in range(version - new + 1, version + 1))
