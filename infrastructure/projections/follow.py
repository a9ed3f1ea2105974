"""Waiting for new events while following: LISTEN/NOTIFY on PostgreSQL, polling on SQLite."""
from __future__ import annotations

import threading
from typing import Any

SAFETY_NET = 30.0  # seconds: look anyway now and then, should a notification be lost
TICK = 0.25  # seconds: how often a wait checks whether it was asked to stop


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

            self._context = self.recorder.datastore.get_connection()
            self._connection = self._context.__enter__()
            self._connection.execute(SQL("LISTEN {0}").format(Identifier(channel)))
            self._connection.commit()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._context is not None:
            self._connection.execute("UNLISTEN *")
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
