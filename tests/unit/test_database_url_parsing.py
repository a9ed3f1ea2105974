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
