"""Raw SQL against the stored events is caught by `verify`, at the position it touched."""
from __future__ import annotations

from infrastructure.audit.verify import verify
from tests.support import AUDITOR


def findings(app):
    return [(f.position, f.kind) for f in verify(app.recorder).findings]


def test_a_clean_store_verifies_and_reports_its_head(store):
    app, raw = store
    result = app.verify_chain(AUDITOR)

    assert result.clean
    assert result.events == len(raw.positions())
    assert result.head[0] == raw.positions()[-1]


def test_one_altered_byte_is_found_at_its_position(store):
    app, raw = store
    target = raw.positions()[10]
    raw.alter_one_byte(target)

    assert findings(app) == [(target, "altered")]


def test_a_deleted_event_is_found_at_its_position(store):
    app, raw = store
    target = raw.positions()[7]
    raw.delete(target)

    assert findings(app) == [(target, "deleted")]


def test_an_inserted_event_is_found_at_its_position(store):
    app, raw = store
    raw.insert_copy_of(raw.positions()[3])

    assert findings(app) == [(raw.positions()[-1], "inserted")]


def test_two_swapped_events_are_found_as_reordered_at_both_positions(store):
    app, raw = store
    a, b = raw.positions()[5], raw.positions()[12]
    raw.swap(a, b)

    assert findings(app) == [(a, "reordered"), (b, "reordered")]
    assert f"now sits at position {b}" in verify(app.recorder).first.message


def test_rewriting_the_store_and_its_chain_together_is_caught_only_by_a_seal(store):
    app, raw = store
    seal = app.seal_chain(AUDITOR)
    target = raw.positions()[4]
    raw.alter_one_byte(target)
    raw.rewrite_chain_from(target)
    raw.forget_seals()

    assert verify(app.recorder).clean, "the forger rewrote chain and seals consistently"
    result = verify(app.recorder, [type(seal)(seal.position, seal.link)])
    assert [(f.position, f.kind) for f in result.findings] == [(seal.position, "seal")]


def test_a_stored_seal_catches_a_consistent_rewrite_that_left_the_seals_alone(store):
    app, raw = store
    seal = app.seal_chain(AUDITOR)
    target = raw.positions()[4]
    raw.alter_one_byte(target)
    raw.rewrite_chain_from(target)

    assert findings(app) == [(seal.position, "seal")]


def test_a_truncated_history_is_caught_by_a_seal(store):
    app, raw = store
    seal = app.seal_chain(AUDITOR)
    raw.truncate_last()
    given = type(seal)(seal.position, seal.link)

    assert [(f.position, f.kind) for f in verify(app.recorder, [given]).findings] == [
        (seal.position, "seal"), (seal.position, "seal")]
