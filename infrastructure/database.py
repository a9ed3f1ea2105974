"""One --db URL for the user; the event-store module behind it chosen by measurement (README)."""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from typing import Any

from domain.errors import InvalidInput, NotFound

DEFAULT_URL = "sqlite:///udsyn.db"
TRANSCODER = "infrastructure.transcoding:UdsynTranscoder"
SQLITE_RECORDER = "infrastructure.audit.sqlite_recorder:ChainedSQLiteRecorder"
POSTGRES_RECORDER = "infrastructure.audit.postgres_recorder:ChainedPostgresRecorder"


@dataclass(frozen=True)
class Database:
    """A parsed --db URL: its kind and the environment the event store is built from."""

    url: str
    kind: str  # "sqlite", "postgresql" or "memory"
    env: dict[str, str]

    @property
    def sqlite_path(self) -> str | None:
        return self.env.get("SQLITE_DBNAME") if self.kind == "sqlite" else None


URL = (  # compiled on first use (url_pattern): a plain sqlite:///FILE is read without it
    r"^(?P<drivername>[\w+]+)://"
    r"(?:(?P<username>[^:/@]*)(?::(?P<password>[^@]*))?@)?"
    r"(?:(?P<host>\[[^\]]+\]|[^/:?]*)(?::(?P<port>\d+))?)?"
    r"(?:/(?P<database>[^?]*))?(?:\?(?P<query>.*))?$"
)
PLAIN_SQLITE = ("sqlite:///", "sqlite+pysqlite:///")
SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file
HEADER_BYTES, WAL_VERSIONS, WAL = 20, slice(18, 20), b"\x02\x02"  # its file format versions: 2, 2 in WAL mode
EVENTS_TABLE = "stored_events"  # the library's table of an application's events: udsyn's store
TABLE_EXISTS = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"


@functools.cache
def url_pattern() -> re.Pattern[str]:
    return re.compile(URL)


@dataclass(frozen=True)
class DatabaseUrl:
    """A SQLAlchemy-style URL, read without importing SQLAlchemy (it costs ~0.7 s of start-up)."""

    drivername: str
    username: str | None
    password: str | None
    host: str | None
    port: int | None
    database: str | None
    query: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, url: str) -> DatabaseUrl:
        if url.startswith(PLAIN_SQLITE) and "?" not in url:  # what the pattern reads from it, read
            # without compiling the pattern (~0.5 ms of every command's start-up)
            driver, _, name = url.partition(":///")
            return cls(drivername=driver, username=None, password=None, host=None, port=None,
                       database=_unquote(name) if name else None)
        m = url_pattern().match(url)
        if not m:
            raise InvalidInput("db", f"'{url}' is not a database URL (sqlite:///FILE or postgresql+psycopg://…)")
        part = {k: _unquote(v) if v else None for k, v in m.groupdict().items()}
        return cls(
            drivername=m["drivername"].lower(),
            username=part["username"],
            password=part["password"],
            host=(part["host"] or "").strip("[]") or None,
            port=int(m["port"]) if m["port"] else None,
            database=part["database"],
            query=_query(m["query"]),
        )


# urllib.parse (and pathlib, which imports it) cost a command's start-up ~4 ms, and a usual --db
# (sqlite:///FILE, no escapes, no query) needs neither: they are imported only where one is needed.
def _unquote(value: str) -> str:
    if "%" not in value:
        return value  # what unquote gives for it
    from urllib.parse import unquote

    return unquote(value)


def _query(text: str | None) -> dict[str, str]:
    if not text:
        return {}
    from urllib.parse import parse_qsl

    return dict(parse_qsl(text))


def posix_path(name: str) -> str:
    """`str(pathlib.PurePosixPath(name))` without pathlib: repeated slashes and `.` parts dropped,
    no trailing slash, `..` kept, two leading slashes kept (POSIX leaves their meaning open), and
    `.` for nothing."""
    root = "//" if name.startswith("//") and not name.startswith("///") else "/" if name.startswith("/") else ""
    return root + "/".join(part for part in name.split("/") if part and part != ".") or "."


def parse_url(url: str) -> Database:
    """Map a SQLAlchemy-style URL to the library's own sqlite or postgres (psycopg 3) module."""
    url = url.strip()
    if url in ("memory://", "memory:"):
        return Database(url, "memory", {"PERSISTENCE_MODULE": "eventsourcing.popo", "TRANSCODER_TOPIC": TRANSCODER})
    parsed = DatabaseUrl.parse(url)
    backend = parsed.drivername.split("+", 1)[0]
    env = {"TRANSCODER_TOPIC": TRANSCODER}
    if backend == "sqlite":
        if parsed.drivername not in ("sqlite", "sqlite+pysqlite"):
            raise InvalidInput("db", f"unsupported SQLite driver '{parsed.drivername}'")
        name = parsed.database or ""
        if name in ("", ":memory:"):
            raise InvalidInput("db", "an in-memory SQLite database would vanish; name a file or use memory://")
        env |= {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "APPLICATION_RECORDER_TOPIC": SQLITE_RECORDER,
            "SQLITE_DBNAME": posix_path(name),
            "SQLITE_LOCK_TIMEOUT": "10",
        }
        return Database(url, "sqlite", env)
    if backend == "postgresql":
        if parsed.drivername not in ("postgresql", "postgresql+psycopg"):
            raise InvalidInput("db", f"use postgresql+psycopg:// (psycopg 3), not '{parsed.drivername}'")
        if not parsed.database:
            raise InvalidInput("db", "the PostgreSQL URL names no database")
        env |= {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "APPLICATION_RECORDER_TOPIC": POSTGRES_RECORDER,
            "POSTGRES_DBNAME": parsed.database,
            "POSTGRES_HOST": parsed.host or "127.0.0.1",
            "POSTGRES_PORT": str(parsed.port or 5432),
            "POSTGRES_USER": parsed.username or "",
            "POSTGRES_PASSWORD": parsed.password or "",
            "POSTGRES_LOCK_TIMEOUT": "10",
            "POSTGRES_CONNECT_TIMEOUT": "10",
        }
        schema = parsed.query.get("schema")
        if schema:
            env["POSTGRES_SCHEMA"] = str(schema)
        return Database(url, "postgresql", env)
    raise InvalidInput("db", f"unsupported database '{parsed.drivername}'; use sqlite:///FILE or postgresql+psycopg://…")


def check_sqlite_file(path: str, *, creating: bool) -> None:
    """An existing --db file must be a SQLite database (exit 2 otherwise, naming it). For a command
    that does not set up a database, one the event store has never opened is not udsyn's (exit 4):
    an empty file, or one not in WAL mode (which the store sets on opening) without its table,
    looked for read-only. The file is read, never written."""
    try:
        handle = os.open(path, os.O_RDONLY)
        try:
            header = os.read(handle, HEADER_BYTES)
        finally:
            os.close(handle)
    except OSError as e:
        raise InvalidInput("db", f"cannot read {path} ({e.strerror})") from None
    if header and not header.startswith(SQLITE_HEADER):  # an empty file is an empty SQLite database
        raise InvalidInput("db", f"{path} is not a SQLite database")
    if creating:
        return
    if not header or (header[WAL_VERSIONS] != WAL and not _has_events_table(path)):
        raise NotFound(not_udsyn(path))


def not_udsyn(path: str) -> str:
    return f"{path} is not an udsyn database; run 'udsyn init' (or pass --db)"


def _has_events_table(path: str) -> bool:
    """Asked on a read-only connection of its own: the store's would switch the file to WAL mode."""
    import sqlite3

    name = os.path.abspath(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")  # a URI's path
    try:
        connection = sqlite3.connect(f"file://{name}?mode=ro", uri=True)
        try:
            return connection.execute(TABLE_EXISTS, (EVENTS_TABLE,)).fetchone() is not None
        finally:
            connection.close()
    except sqlite3.OperationalError as e:  # locked for longer than the wait, or unreadable
        raise InvalidInput("db", f"cannot read {path} ({e})") from None
    except sqlite3.DatabaseError:  # a SQLite header on a damaged file
        raise InvalidInput("db", f"{path} is not a SQLite database") from None


def open_existing_store(app: Any, path: str) -> None:
    """For an application built on SQLite with CREATE_TABLE off: create the event store's tables as
    the library would have (new ones, and the chain of a store older than it), but only where
    udsyn's store is already (exit 4 otherwise), never in another program's database or an empty
    file. Asked on the application's own connection, which the command then reads through."""
    recorder = app.recorder
    with recorder.datastore.transaction(commit=False) as c:
        c.execute(TABLE_EXISTS, (recorder.events_table_name,))
        if c.fetchone() is None:
            raise NotFound(not_udsyn(path))
    recorder.create_table()
    if app.snapshots is not None:
        app.snapshots.recorder.create_table()
