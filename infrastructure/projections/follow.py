"""Waiting for new events while following: LISTEN/NOTIFY on PostgreSQL, polling on SQLite."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

SAFETY_NET = 30.0  # seconds: look anyway now and then, should a notification be lost
TICK = 0.25  # seconds: how often a wait checks whether it was asked to stop
RETRY_FIRST, RETRY_MAX = 0.5, 30.0  # seconds: waits between attempts while the database is away


def follow(runner: Any, app: Any, stop: threading.Event, poll: float, on_batch: Callable[[int], None],
           on_outage: Callable[[Exception, float], None]) -> int:
    """Catch up, wait for new events, repeat until `stop` is set; events applied. A lost database
    connection (a server restart, a failover, a network cut) is waited out with growing pauses
    and then followed again from where the views' positions stand: each batch commits with its
    positions, so resuming after an outage neither loses nor repeats an event."""
    tally, delay = Tally(on_batch), RETRY_FIRST
    while not stop.is_set():
        try:
            with Wakeup(app, stop, poll) as wakeup:
                while not stop.is_set():
                    tally.start_round()
                    runner.catch_up(progress=tally.committed, stop=stop.is_set)
                    delay = RETRY_FIRST
                    wakeup.wait()
        except Exception as error:  # noqa: BLE001 - only the connection failures below are waited out
            if not is_outage(error):
                raise
            on_outage(error, delay)
            stop.wait(delay)
            delay = min(delay * 2, RETRY_MAX)
    return tally.applied


class Tally:
    """Events applied while following, counted batch by batch as each commits: an outage later in
    the same catch-up cannot lose the count of what was already committed."""

    def __init__(self, on_batch: Callable[[int], None]) -> None:
        self.on_batch, self.applied, self.in_round = on_batch, 0, 0

    def start_round(self) -> None:
        self.in_round = 0

    def committed(self, so_far: int, _position: int) -> None:
        """The runner's progress callback: `so_far` events applied in this catch-up."""
        count, self.in_round = so_far - self.in_round, so_far
        self.applied += count
        self.on_batch(count)


def is_outage(error: BaseException) -> bool:
    """Whether `error` says the database could not be reached or the connection was lost, as the
    library, SQLAlchemy and psycopg each say it (their other errors are real failures)."""
    from eventsourcing.persistence import InterfaceError, OperationalError

    if isinstance(error, (OperationalError, InterfaceError)):
        return True
    try:
        import psycopg
        from sqlalchemy.exc import DBAPIError
    except ImportError:  # pragma: no cover - both are dependencies
        return False
    if isinstance(error, DBAPIError):
        return bool(error.connection_invalidated) or isinstance(error.orig, (psycopg.OperationalError,
                                                                             psycopg.InterfaceError))
    return isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError))


class Wakeup:
    """`wait()` returns when new events may have arrived, or when `stop` is set."""

    def __init__(self, app: Any, stop: threading.Event, poll: float) -> None:
        self.recorder, self.stop, self.poll = app.recorder, stop, poll
        self._connection = None
        self._context = None

    def __enter__(self) -> Wakeup:
        channel = getattr(self.recorder, "channel_name", None)
        if channel is not None:  # PostgreSQL: the library NOTIFYs this channel on every insert
            from psycopg.sql import SQL, Identifier

            context = self.recorder.datastore.get_connection()
            connection = context.__enter__()
            try:
                connection.execute(SQL("LISTEN {0}").format(Identifier(channel)))
                connection.commit()
            except BaseException as error:
                context.__exit__(type(error), error, error.__traceback__)  # back to the pool, or discarded
                raise
            self._context, self._connection = context, connection
        return self

    def __exit__(self, *exc: object) -> None:
        if self._context is not None:
            if not self._connection.closed:
                try:
                    self._connection.execute("UNLISTEN *")
                except Exception as error:  # noqa: BLE001 - a lost connection has no listeners to drop
                    if not is_outage(error):
                        raise
            self._context.__exit__(None, None, None)

    def wait(self) -> None:
        if self._connection is None:
            self.stop.wait(self.poll)
            return
        waited = 0.0
        while not self.stop.is_set() and waited < SAFETY_NET:
            for _ in self._connection.notifies(timeout=TICK, stop_after=1):
                return
            waited += TICK
