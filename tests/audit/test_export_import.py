"""Export and import: the whole stream with its chain, restored exactly, or refused whole."""
from __future__ import annotations

import json
from datetime import date

import pytest

from infrastructure.audit.verify import verify
from tests.audit.raw import RawStore
from tests.cli.helpers import assert_one_error_line, run, stored_events
from tests.support import ADMIN, AUDITOR, ctx, executing_project, make_app, register, set_up_kalix


@pytest.fixture
def source(sqlite_url) -> str:
    app = make_app(sqlite_url)
    set_up_kalix(app)
    ref = executing_project(app)
    app.spend(ctx(on=date(2026, 3, 1)), ref, amount="1250.50", category="resor", description="Tåg till Pielavesi ✓")
    register(app, title="Vänortsbesök i Ølstykke")
    return sqlite_url


@pytest.fixture
def target(db_url, tmp_path) -> str:
    """An empty database on SQLite or PostgreSQL, not the source's file."""
    return f"sqlite:///{tmp_path / 'target.db'}" if db_url.startswith("sqlite") else db_url


def export(db: str, path, actor: str = AUDITOR):
    return run(f"export -o {path}", db=db, actor=actor)


def test_sqlite_to_file_to_postgres_to_file_gives_identical_files(source, postgres_url, tmp_path):
    first, second = tmp_path / "from-sqlite.jsonl", tmp_path / "from-postgres.jsonl"

    exported = export(source, first)
    imported = run(f"import {first}", db=postgres_url, actor=ADMIN)
    again = export(postgres_url, second)

    assert (exported.code, imported.code, again.code) == (0, 0, 0), (exported, imported, again)
    assert first.read_bytes() == second.read_bytes()
    assert verify(make_app(postgres_url).recorder).clean
    assert run("audit verify", db=postgres_url, actor=AUDITOR).code == 0


def test_the_imported_store_answers_like_the_original(source, postgres_url, tmp_path):
    path = tmp_path / "export.jsonl"
    export(source, path)
    run(f"import {path}", db=postgres_url, actor=ADMIN)

    before = json.loads(run("project show KAL-2026-0001", db=source, actor=AUDITOR, as_json=True).out)
    after = json.loads(run("project show KAL-2026-0001", db=postgres_url, actor=AUDITOR, as_json=True).out)

    assert before == after
    assert stored_events(postgres_url) == stored_events(source)


def test_new_events_after_an_import_extend_the_imported_chain(source, target, tmp_path):
    path = tmp_path / "export.jsonl"
    export(source, path)
    assert run(f"import {path}", db=target, actor=ADMIN).code == 0

    app = make_app(target)
    app.explore(ctx(), "KAL-2026-0002")

    assert verify(app.recorder).clean


def test_export_lines_carry_position_originator_version_topic_state_and_link(source, tmp_path):
    path = tmp_path / "export.jsonl"
    result = export(source, path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

    assert result.code == 0 and result.out.startswith(f"exported {len(lines) - 2} events to {path}")
    assert lines[0] == {"format": "udsyn-events", "version": 1}
    assert set(lines[1]) == {"position", "originator_id", "originator_version", "topic", "state", "link"}
    assert [line["position"] for line in lines[1:-1]] == RawStore(source).positions()
    assert lines[-1]["end"] is True and lines[-1]["events"] == len(lines) - 2


def test_import_into_a_database_that_is_not_empty_is_refused(source, tmp_path):
    path = tmp_path / "export.jsonl"
    export(source, path)
    before = stored_events(source)

    result = run(f"import {path}", db=source, actor=ADMIN)

    assert result.code == 1
    assert_one_error_line(result.err)
    assert "empty database" in result.err
    assert stored_events(source) == before


def damaged(path, change) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(change(lines)), encoding="utf-8")


def alter_state(line: str) -> str:
    data = json.loads(line)
    data["state"] = data["state"].replace('"actor":"anna"', '"actor":"anne"')
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


@pytest.mark.parametrize(
    "change, line, words",
    [
        (lambda lines: lines[:-1], None, "truncated"),
        (lambda lines: [*lines[:-2], lines[-2][:40]], None, "truncated"),
        (lambda lines: [*lines[:5], alter_state(lines[5]), *lines[6:]], 6, "altered"),
        (lambda lines: [*lines[:3], lines[4], lines[3], *lines[5:]], 4, "reordered"),
        (lambda lines: [*lines[:7], *lines[8:]], 8, "position 7 is not before it (a line removed"),
        (lambda lines: [*lines[:4], "{not json\n", *lines[5:]], 5, "corrupted"),
    ],
    ids=["cut-at-a-line-break", "cut-mid-line", "altered", "reordered", "line-removed", "not-json"],
)
def test_a_damaged_file_is_refused_naming_the_line_and_nothing_is_imported(
    source, target, tmp_path, change, line, words
):
    path = tmp_path / "export.jsonl"
    export(source, path)
    damaged(path, change)

    result = run(f"import {path}", db=target, actor=ADMIN)

    assert result.code == 1, result
    assert_one_error_line(result.err)
    assert "line " in result.err and words in result.err and "nothing imported" in result.err
    if line is not None:
        assert f"line {line}:" in result.err
    assert target.startswith("postgresql") or not (tmp_path / "target.db").exists()
    assert target.startswith("sqlite") or stored_events(target) == 0


@pytest.mark.parametrize("text", ["", "hello\n", '{"format": "csv"}\n'])
def test_a_file_that_is_not_an_export_exits_2_naming_it(sqlite_url, tmp_path, text):
    path = tmp_path / "other.jsonl"
    path.write_text(text, encoding="utf-8")

    result = run(f"import {path}", db=sqlite_url, actor=ADMIN)

    assert result.code == 2
    assert_one_error_line(result.err, "error: file: line 1: not an udsyn export")
    assert not (tmp_path / "udsyn.db").exists()


def test_a_missing_file_exits_2(sqlite_url, tmp_path):
    result = run(f"import {tmp_path / 'nowhere.jsonl'}", db=sqlite_url, actor=ADMIN)

    assert result.code == 2
    assert "file: no file" in result.err


def test_a_tampered_store_is_not_exported(source, tmp_path):
    raw = RawStore(source)
    raw.alter_one_byte(raw.positions()[9])

    result = export(source, tmp_path / "export.jsonl")

    assert result.code == 1
    assert f"position {raw.positions()[9]}" in result.err
    assert not (tmp_path / "export.jsonl").exists()
