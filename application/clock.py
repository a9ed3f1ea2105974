"""Time is passed in: the application reads a clock, the domain receives dates and times."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    refuses_future_dates: bool  # whether a fact dated after this clock's today is refused

    def now(self) -> datetime: ...


class SystemClock:
    """The wall clock, in UTC."""

    refuses_future_dates = True  # a date after today is no fact yet

    def now(self) -> datetime:
        return datetime.now(timezone.utc)


_TICK = timedelta(microseconds=1)


class FixedClock:
    """A clock that stands still until moved; each reading advances one microsecond so
    recorded times stay strictly ordered."""

    refuses_future_dates = False  # pinned (tests, demos, UDSYN_CLOCK): it stands still while dated steps go on

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            start = start.replace(tzinfo=timezone.utc)
        self._now = start

    def now(self) -> datetime:
        self._now += _TICK
        return self._now

    def set(self, moment: datetime | date) -> None:
        if not isinstance(moment, datetime):
            moment = datetime(moment.year, moment.month, moment.day, 12, tzinfo=timezone.utc)
        self._now = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
