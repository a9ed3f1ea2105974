"""The dataclass compile cache changes nothing but start-up time: every generated method is the
same code with and without it, events behave the same, and a bad cache file is ignored."""
from __future__ import annotations

import dataclasses
import json
import marshal
import os
import subprocess
import sys
import types
import zlib
from pathlib import Path

import pytest

from domain import dataclass_cache
from domain.dataclass_cache import CodeCache, compiles_with_exec, header, read, unpack

ROOT = Path(__file__).resolve().parents[2]


def probe(cache: Path | None) -> dict:
    """A fresh interpreter imports the domain, drives every command, and reports (dataclass_probe)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", dataclass_cache.DISABLE)}
    if cache is None:
        env[dataclass_cache.DISABLE] = "1"
    else:
        env[dataclass_cache.LOCATION] = str(cache)
    done = subprocess.run([sys.executable, "-m", "tests.unit.dataclass_probe"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, dict]:
    cache = tmp_path_factory.mktemp("cache") / "dataclass-functions.bin"
    plain = probe(None)
    cold = probe(cache)
    written = entries(cache)
    warm = probe(cache)
    cache.write_bytes(b"\x00garbage" * 100)
    corrupt = probe(cache)
    return {"plain": plain, "cold": cold, "warm": warm, "corrupt": corrupt, "written": written,
            "rewritten": entries(cache)}


def entries(cache: Path) -> int:
    return sum(len(unpack(section)) for section in read(str(cache)).values())


@pytest.mark.skipif(sys.version_info[:2] not in dataclass_cache.SUPPORTED,
                    reason="the cache only installs on the Pythons whose dataclasses it was written for")
class TestWithTheDomain:
    def test_without_the_cache_nothing_is_cached(self, runs):
        assert runs["plain"]["cache"] is None

    def test_a_cold_run_compiles_and_writes_the_cache_and_a_warm_run_compiles_nothing(self, runs):
        assert runs["cold"]["cache"]["compiled"] > 400
        assert runs["written"] == runs["cold"]["cache"]["compiled"]
        assert runs["warm"]["cache"]["compiled"] == 0
        assert runs["warm"]["cache"]["hits"] > 400

    def test_every_generated_method_is_the_same_code_with_and_without_the_cache(self, runs):
        plain = runs["plain"]["code"]
        assert len(plain) > 400  # every event class of every aggregate, and the value objects
        assert runs["cold"]["code"] == plain
        assert runs["warm"]["code"] == plain

    def test_events_compare_hash_freeze_print_pickle_and_round_trip_alike(self, runs):
        plain = runs["plain"]["behaviour"]
        assert len(plain) >= 30
        assert all(v in (True, "unhashable") for checks in plain.values() for v in checks), plain
        assert runs["cold"]["behaviour"] == plain
        assert runs["warm"]["behaviour"] == plain

    def test_a_corrupt_cache_file_is_ignored_and_rewritten(self, runs):
        assert runs["corrupt"]["code"] == runs["plain"]["code"]
        assert runs["corrupt"]["behaviour"] == runs["plain"]["behaviour"]
        assert runs["corrupt"]["cache"]["hits"] < runs["warm"]["cache"]["hits"]  # nothing came from the file
        assert runs["rewritten"] == runs["cold"]["cache"]["compiled"]


# --- the cache on its own, on a dataclass of this test module ------------------------------


@pytest.fixture
def cache(tmp_path, monkeypatch) -> CodeCache:
    """A cache for this module's dataclasses, routed in for the test and out again after it."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    code_cache = CodeCache(str(tmp_path / "cache.bin"), modules=(__name__.partition(".")[0],))
    monkeypatch.setattr(dataclasses, "exec", code_cache.exec, raising=False)
    return code_cache


def make_point():
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0
        tags: tuple[str, ...] = dataclasses.field(default_factory=tuple)

    return Point


def test_a_class_built_through_the_cache_behaves_as_a_frozen_dataclass(cache):
    point = make_point()
    p = point(1, 2)
    assert p == point(1, 2) and p != point(1, 3)
    assert hash(p) == hash(point(1, 2))
    assert repr(p) == "make_point.<locals>.Point(x=1, y=2, tags=())"
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 5
    assert cache.compiled > 0


def test_a_second_build_of_the_same_class_comes_from_the_cache(cache):
    make_point()
    compiled = cache.compiled
    make_point()
    assert cache.compiled == compiled
    assert cache.hits >= compiled


def test_the_cache_is_saved_and_read_back_by_the_next_process(cache):
    make_point()
    assert cache.save()
    again = CodeCache(cache.path, modules=cache.modules)
    assert again.codes(__name__) == cache.codes(__name__) != {}


def test_a_process_that_compiled_nothing_writes_nothing(cache):
    make_point()
    assert cache.save()
    again = CodeCache(cache.path, modules=cache.modules)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(dataclasses, "exec", again.exec, raising=False)
        make_point()
    assert again.compiled == 0 and again.hits > 0
    assert not again.save()


def test_nothing_is_written_under_pythondontwritebytecode(cache, monkeypatch):
    make_point()
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert not cache.save()
    assert not os.path.exists(cache.path)


def test_an_unwritable_place_is_no_error(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    (tmp_path / "a-file").write_text("")
    code_cache = CodeCache(str(tmp_path / "a-file" / "cache.bin"), modules=(__name__.partition(".")[0],))
    monkeypatch.setattr(dataclasses, "exec", code_cache.exec, raising=False)
    make_point()
    assert not code_cache.save()
    assert not list(tmp_path.glob("a-file*.tmp"))


def test_a_save_keeps_the_sections_of_modules_another_process_wrote(cache):
    cache_file(cache.path, {"elsewhere": {"def f(): pass": compile("def f(): pass", "<string>", "exec")}})
    make_point()
    assert cache.save()
    assert set(read(cache.path)) == {"elsewhere", __name__}


def test_a_changed_module_keeps_only_what_it_uses_now(cache):
    stale = "def __create_fn__():\n def gone(self): pass\n return gone"
    cache_file(cache.path, {__name__: {stale: compile(stale, "<string>", "exec")}})
    point = make_point()
    assert cache.save()
    kept = unpack(read(cache.path)[__name__])
    assert stale not in kept
    assert point.__init__.__code__ in [inner for code in kept.values() for inner in nested(code)]
    assert len(kept) == cache.compiled


def nested(code: types.CodeType) -> list[types.CodeType]:
    inner = [c for c in code.co_consts if isinstance(c, types.CodeType)]
    return inner + [deeper for c in inner for deeper in nested(c)]


def cache_file(path: str, sections: dict[str, dict]) -> None:
    Path(path).write_bytes(_valid({m: marshal.dumps(codes) for m, codes in sections.items()}))


def _valid(sections: object) -> bytes:
    """A well-framed file: `sections` encoded, or, where they are not a dict of bytes, marshalled as
    the index itself (a malformed index, its crc32 and length right)."""
    if isinstance(sections, dict) and all(isinstance(v, bytes) for v in sections.values()):
        return dataclass_cache.encode(sections)
    table = marshal.dumps(sections)
    return header() + zlib.crc32(table).to_bytes(4, "big") + len(table).to_bytes(4, "big") + table


GOOD = {"mod": marshal.dumps({"def f(): pass": compile("def f(): pass", "<string>", "exec")})}


@pytest.mark.parametrize("damage", [
    pytest.param(lambda good: b"", id="empty"),
    pytest.param(lambda good: b"\x00garbage" * 50, id="garbage"),
    pytest.param(lambda good: good[: len(good) // 2], id="truncated"),
    pytest.param(lambda good: good[:-1] + bytes([good[-1] ^ 1]), id="one-bit-flipped"),
    pytest.param(lambda good: b"udsyn dataclass functions 1\n" + good[len(dataclass_cache.FORMAT):],
                 id="older-format"),
    pytest.param(lambda good: good.replace(header(), header()[:-2] + b"\xff\xff", 1), id="other-python"),
    pytest.param(lambda good: _valid({"mod": marshal.dumps({"def f(): pass": "not code"})}), id="not-code"),
    pytest.param(lambda good: _valid({"mod": b"\x00not marshal"}), id="section-not-marshal"),
    pytest.param(lambda good: _valid({"mod": marshal.dumps(["def f(): pass"])}), id="section-not-a-dict"),
    pytest.param(lambda good: _valid({"mod": "not bytes"}), id="section-not-bytes"),
    pytest.param(lambda good: _valid(["mod"]), id="not-a-dict"),
    pytest.param(lambda good: _valid({"mod": (0, 10**6, 0)}), id="section-beyond-the-file"),
    pytest.param(lambda good: _valid({"mod": (0, 1)}), id="index-entry-not-three-numbers"),
    pytest.param(lambda good: good.replace(b"udsyn dataclass functions 3", b"udsyn dataclass functions 2"),
                 id="previous-format"),
])
def test_a_damaged_or_foreign_cache_file_reads_as_empty(tmp_path, damage):
    path = tmp_path / "cache.bin"
    good = _valid(GOOD)
    path.write_bytes(good)
    assert list(CodeCache(str(path)).codes("mod")) == ["def f(): pass"]
    path.write_bytes(damage(good))
    assert CodeCache(str(path)).codes("mod") == {}


def test_a_missing_cache_file_reads_as_empty(tmp_path):
    assert CodeCache(str(tmp_path / "nothing-here.bin")).codes("mod") == {}


def test_the_cache_installs_only_where_dataclasses_compiles_with_exec():
    assert not compiles_with_exec(version=(3, 10))
    assert not compiles_with_exec(version=(3, 14))
    assert not compiles_with_exec(module=types.SimpleNamespace())  # no _create_fn, no _FuncBuilder
    patched = types.SimpleNamespace(exec=exec, _create_fn=dataclasses._create_fn if hasattr(
        dataclasses, "_create_fn") else None)
    assert not compiles_with_exec(module=patched)  # someone else already routes exec


def test_the_cache_can_be_turned_off(monkeypatch):
    monkeypatch.setattr(dataclass_cache, "_installed", None)
    monkeypatch.setenv(dataclass_cache.DISABLE, "1")
    assert dataclass_cache.install() is None


def test_the_cache_lives_beside_the_bytecode_where_that_can_be_written():
    path = Path(dataclass_cache.default_path())
    assert path.parent.name == "__pycache__" and path.parent.parent.name == "domain"
    assert path.name.startswith(f"dataclass-functions.{sys.implementation.cache_tag}.")


def test_a_read_only_install_keeps_its_cache_in_the_users_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(dataclass_cache, "writable", lambda folder: False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = Path(dataclass_cache.default_path())
    assert path.parent == tmp_path / "udsyn"
    assert path.name.endswith(f"dataclass-functions.{sys.implementation.cache_tag}.opt{sys.flags.optimize}.bin")


def test_a_folder_not_yet_made_is_judged_by_the_nearest_folder_above_it(tmp_path):
    asked: list[str] = []
    with pytest.MonkeyPatch.context() as m:
        m.setattr(os, "access", lambda folder, mode: asked.append(folder) or False)
        verdict = dataclass_cache.writable(str(tmp_path / "__pycache__" / "deeper"))
    assert (verdict, asked) == (False, [str(tmp_path)])
    assert dataclass_cache.writable(str(tmp_path / "__pycache__" / "deeper"))


def test_a_damaged_section_is_left_out_and_the_others_are_read(tmp_path):
    other = {"other": marshal.dumps({"def g(): pass": compile("def g(): pass", "<string>", "exec")})}
    good = dataclass_cache.encode({**GOOD, **other})
    at = good.index(GOOD["mod"]) + len(GOOD["mod"]) // 2  # inside mod's section
    path = tmp_path / "cache.bin"
    path.write_bytes(good[:at] + bytes([good[at] ^ 1]) + good[at + 1:])
    assert CodeCache(str(path)).codes("mod") == {}
    assert list(CodeCache(str(path)).codes("other")) == ["def g(): pass"]
    assert set(read(str(path))) == {"other"}
