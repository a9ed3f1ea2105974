"""--db URLs: the two real stores open, and every other URL is refused as invalid input naming 'db'."""

from __future__ import annotations

import pytest

from domain.errors import InvalidInput
from infrastructure.database import parse_url
from tests.support import make_app, stored_event_count


@pytest.mark.parametrize(
    "url, refused_because",
    [
        ("mysql+pymysql://u:pw@localhost/udsyn", "unsupported database 'mysql+pymysql'"),
        ("udsyn.db", "is not a database URL"),
        ("sqlite://", "in-memory SQLite"),
        ("sqlite:///:memory:", "in-memory SQLite"),
        ("sqlite+aiosqlite:///udsyn.db", "unsupported SQLite driver"),
        ("postgresql+psycopg2://u:pw@localhost/udsyn", "use postgresql+psycopg://"),
        ("postgresql+psycopg://u:pw@localhost", "names no database"),
    ],
)
def test_an_unusable_database_url_is_invalid_input_naming_db(url, refused_because):
    with pytest.raises(InvalidInput) as refused:
        parse_url(url)

    assert refused.value.field == "db"
    assert str(refused.value).startswith("db: ")
    assert refused_because in str(refused.value)


@pytest.mark.parametrize(
    "url, kind, module",
    [
        ("sqlite:///cases/udsyn.db", "sqlite", "eventsourcing.sqlite"),
        ("postgresql://u:pw@db.example/udsyn", "postgresql", "eventsourcing.postgres"),
        (
            "postgresql+psycopg://u:pw@db.example:6543/udsyn?schema=holbaek",
            "postgresql",
            "eventsourcing.postgres",
        ),
        ("memory://", "memory", "eventsourcing.popo"),
    ],
)
def test_a_database_url_selects_the_event_store_module(url, kind, module):
    database = parse_url(url)

    assert (database.kind, database.env["PERSISTENCE_MODULE"]) == (kind, module)


def test_a_postgresql_url_carries_host_port_credentials_and_schema():
    env = parse_url("postgresql+psycopg://kalix:hemligt@db.example:6543/udsyn?schema=kalix").env

    assert (env["POSTGRES_HOST"], env["POSTGRES_PORT"]) == ("db.example", "6543")
    assert (env["POSTGRES_USER"], env["POSTGRES_PASSWORD"]) == ("kalix", "hemligt")
    assert (env["POSTGRES_DBNAME"], env["POSTGRES_SCHEMA"]) == ("udsyn", "kalix")


def test_a_new_database_opens_empty(db_url):
    assert stored_event_count(make_app(db_url)) == 0
