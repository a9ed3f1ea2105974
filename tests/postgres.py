"""The test PostgreSQL server: its URL, an admin connection, and a fresh schema per use.

A test reaches PostgreSQL through the `postgres_url` or `db_url` fixtures (tests/conftest.py) or,
outside pytest's fixtures (a hypothesis state machine, a bench), through `fresh_schema()`.
No server is a failure, never a skip: CI must run these for real."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

PG_URL = os.environ.get("UDSYN_TEST_PG", "postgresql+psycopg://udsyn:udsyn@127.0.0.1:5432/udsyn_test")


def admin_conn():
    """An autocommit connection to the test database (raises if the server is not reachable)."""
    import psycopg

    from infrastructure.database import parse_url

    env = parse_url(PG_URL).env
    return psycopg.connect(
        host=env["POSTGRES_HOST"], port=int(env["POSTGRES_PORT"]), user=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"], dbname=env["POSTGRES_DBNAME"], autocommit=True,
    )


class PostgresUnreachable(RuntimeError):
    """The test server is down: a failure that says how to start it."""


@contextmanager
def fresh_schema(prefix: str = "t") -> Iterator[str]:
    """A `--db` URL on a new schema of the test database, dropped afterwards."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        conn = admin_conn()
    except Exception as e:  # noqa: BLE001 - said plainly, with the way out
        raise PostgresUnreachable(f"PostgreSQL is not reachable at {PG_URL}: {e}. Run .ci/postgres-up (make test does).") from None
    with conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield f"{PG_URL}{'&' if '?' in PG_URL else '?'}schema={schema}"
        finally:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
