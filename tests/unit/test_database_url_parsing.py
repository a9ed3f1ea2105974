"""--db URLs are read like SQLAlchemy reads them, without importing SQLAlchemy at start-up."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.engine import make_url

from infrastructure.database import DatabaseUrl

URLS = [
    "sqlite:///udsyn.db",
    "sqlite:////var/lib/udsyn/kalix.db",
    "sqlite+pysqlite:///rel/path/u.db",
    "postgresql+psycopg://udsyn:udsyn@127.0.0.1:5432/udsyn_test",
    "postgresql+psycopg://kalix:h%40mligt%3Aord@db.example:6543/udsyn?schema=kalix",
    "postgresql+psycopg://db.example/udsyn",
    "postgresql://u@[::1]:5433/d?schema=s&sslmode=require",
]


def fields(url) -> tuple:
    return (url.drivername, url.username, url.password, url.host, url.port, url.database, dict(url.query))


@pytest.mark.parametrize("url", URLS)
def test_a_url_is_read_as_sqlalchemy_reads_it(url):
    assert fields(DatabaseUrl.parse(url)) == fields(make_url(url))


safe = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126, exclude_characters="%/@:?#[]"), min_size=1, max_size=12)


@given(user=safe, password=st.text(min_size=1, max_size=12), host=st.from_regex(r"[a-z][a-z0-9.-]{0,20}", fullmatch=True),
       port=st.integers(1, 65535), db=st.from_regex(r"[a-z_][a-z0-9_]{0,20}", fullmatch=True))
def test_any_postgresql_url_with_quoted_credentials_is_read_as_sqlalchemy_reads_it(user, password, host, port, db):
    from urllib.parse import quote

    url = f"postgresql+psycopg://{quote(user, safe='')}:{quote(password, safe='')}@{host}:{port}/{db}"
    assert fields(DatabaseUrl.parse(url)) == fields(make_url(url))


@given(st.text(alphabet="/.ab %", max_size=14))
def test_a_sqlite_file_name_is_normalised_as_pathlib_would_normalise_it(name):
    from pathlib import PurePosixPath

    from infrastructure.database import posix_path

    assert posix_path(name) == str(PurePosixPath(name))


@given(st.text(alphabet="ab%2Fé=&", max_size=12))
def test_escapes_and_queries_are_read_as_urllib_reads_them(text):
    from urllib.parse import parse_qsl, unquote

    from infrastructure.database import _query, _unquote

    assert _unquote(text) == unquote(text)
    assert _query(text) == dict(parse_qsl(text))


def test_a_plain_sqlite_url_imports_neither_urllib_nor_pathlib_nor_compiles_the_pattern():
    import subprocess
    import sys

    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    # -S: no .pth files run (an editable install's finder imports pathlib itself); the paths by hand
    import site

    code = (f"import sys; sys.path[:0] = [{root!r}, *{site.getsitepackages()!r}]; "
            "from infrastructure.database import parse_url; parse_url('sqlite:///k/udsyn.db'); "
            "print(sorted({'urllib.parse', 'pathlib'} & set(sys.modules)), "
            "sys.modules['infrastructure.database'].url_pattern.cache_info().currsize)")
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]", "0"]  # neither imported, the URL pattern not compiled


@given(st.sampled_from(["sqlite:///", "sqlite+pysqlite:///"]), st.text(alphabet="/.:@[]%2Fab é", max_size=16))
def test_a_plain_sqlite_url_is_read_as_the_pattern_reads_it(prefix, name):
    from unittest import mock

    import infrastructure.database as database

    url = prefix + name
    with mock.patch.object(database, "PLAIN_SQLITE", ()):  # the pattern's way
        by_pattern = fields(DatabaseUrl.parse(url))
    assert fields(DatabaseUrl.parse(url)) == by_pattern
