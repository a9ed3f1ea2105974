"""Column types that keep money exact and times zone-aware on SQLite and on PostgreSQL alike."""
from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import Numeric, String, TypeDecorator
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import TIMESTAMP


class Money(TypeDecorator):
    """A Decimal stored exactly: NUMERIC on PostgreSQL, its decimal string on SQLite (no floats)."""

    impl = String(40)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        return dialect.type_descriptor(postgresql.NUMERIC() if dialect.name == "postgresql" else String(40))

    def process_bind_param(self, value: Decimal | None, dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        return str(value)

    def process_result_value(self, value: Any, dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class Timestamp(TypeDecorator):
    """A UTC-aware recorded time: TIMESTAMPTZ on PostgreSQL, ISO-8601 text on SQLite."""

    impl = String(40)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(TIMESTAMP(timezone=True))
        return dialect.type_descriptor(String(40))

    def process_bind_param(self, value: datetime | None, dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        return value.isoformat()

    def process_result_value(self, value: Any, dialect) -> datetime | None:
        if value is None or isinstance(value, datetime):
            return value
        return datetime.fromisoformat(value)


def plain(value: Any) -> Any:
    """A value as JSON sees it: Decimal and dates as strings, value objects as objects."""
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def dumps(value: Any) -> str:
    """Stable, readable JSON text for a JSON column (exact decimals, no float)."""
    return json.dumps(plain(value), ensure_ascii=False, separators=(",", ":"))
