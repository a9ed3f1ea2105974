"""Fixtures: an in-memory app, and the same app over SQLite and over a real PostgreSQL.

PostgreSQL tests never skip silently: without a reachable server they fail, unless
UDSYN_SKIP_POSTGRES=1 is set explicitly (never in CI)."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from tests.support import close_opened_apps, make_app

PG_URL = os.environ.get("UDSYN_TEST_PG", "postgresql+psycopg://udsyn:udsyn@127.0.0.1:5432/udsyn_test")


@pytest.fixture(autouse=True)
def _close_apps() -> Iterator[None]:
    """Every application a test opened is closed after it, releasing its database connections."""
    yield
    close_opened_apps()


@pytest.fixture
def app():
    """The application over the in-memory event store."""
    return make_app("memory://")


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'udsyn.db'}"


def _pg_admin_conn():
    import psycopg

    from infrastructure.database import parse_url

    env = parse_url(PG_URL).env
    return psycopg.connect(
        host=env["POSTGRES_HOST"], port=int(env["POSTGRES_PORT"]), user=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"], dbname=env["POSTGRES_DBNAME"], autocommit=True,
    )


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema in the test database for each test, dropped afterwards."""
    if os.environ.get("UDSYN_SKIP_POSTGRES") == "1":
        pytest.skip("UDSYN_SKIP_POSTGRES=1 was set explicitly")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        conn = _pg_admin_conn()
    except Exception as e:  # no server: a failure, not a skip (brief: CI must run these for real)
        pytest.fail(f"PostgreSQL is not reachable at {PG_URL}: {e}. Run .ci/postgres-up (make test does).")
    with conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        sep = "&" if "?" in PG_URL else "?"
        yield f"{PG_URL}{sep}schema={schema}"
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request) -> str:
    """The same test over SQLite and over PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")
