"""A SQLAlchemy engine on the event store's own database, so views live beside the events."""
from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

from infrastructure.database import parse_url

READ_ONLY = "udsyn_read_only"  # execution option: a reader's transaction needs no write lock
# SQLite builds with SECURE_DELETE (this one's do) zero every page a view frees: a rebuild's DROP
# TABLE of a million audit rows then writes as many pages of zeros, and their checkpoint, before
# the first row is applied. FAST still clears deleted rows inside the pages it writes anyway and
# leaves freed pages as they were: it costs no extra I/O. Zeroing hides nothing here, since every
# byte of a view is derived from the events kept in the same file, and it has nothing to do with
# atomicity: a view's rows and its position still commit (or vanish) together.
SECURE_DELETE = "PRAGMA secure_delete=FAST"


def engine_for(url: str) -> Engine:
    """The engine for a --db URL: the SQLite file itself, or PostgreSQL with `?schema=` as the
    search_path. `memory://` (tests only) gets a private in-memory SQLite database."""
    database = parse_url(url)
    if database.kind == "memory":
        engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
        _begin_immediate(engine)
        return engine
    if database.kind == "sqlite":
        engine = create_engine(f"sqlite:///{database.sqlite_path}", connect_args={"timeout": 30})
        _begin_immediate(engine)
        return engine
    parsed = make_url(database.url)
    schema = parsed.query.get("schema")
    parsed = parsed.difference_update_query(["schema"]).set(drivername="postgresql+psycopg")
    options = {"options": f"-c search_path={schema}"} if schema else {}
    return create_engine(parsed, connect_args=options, pool_pre_ping=True)


def _begin_immediate(engine: Engine) -> None:
    """Take SQLite's write lock when a writing transaction begins, so two runners serialise on it
    instead of failing to upgrade a read lock half-way through a batch; readers say READ_ONLY."""

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute(SECURE_DELETE)

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")
