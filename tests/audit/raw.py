"""Raw SQL on the stored events, bypassing the application: what a tamperer with database access does."""
from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass

import psycopg

from infrastructure.audit.chain import GENESIS, extend, originator_bytes
from infrastructure.database import parse_url


@dataclass
class RawStore:
    url: str

    def __post_init__(self) -> None:
        db = parse_url(self.url)
        self.kind = db.kind
        if db.kind == "sqlite":
            self.events, self.chain, self.pos = "stored_events", "stored_events_chain", "rowid"
            self.chain_pos = "position"
        else:
            schema = db.env["POSTGRES_SCHEMA"]
            self.events, self.chain = f'"{schema}".udsyn_events', f'"{schema}".udsyn_events_chain'
            self.pos = self.chain_pos = "notification_id"
        self.env = db.env

    def connect(self):
        e = self.env
        if self.kind == "sqlite":
            return sqlite3.connect(e["SQLITE_DBNAME"], isolation_level=None)
        return psycopg.connect(host=e["POSTGRES_HOST"], port=int(e["POSTGRES_PORT"]), user=e["POSTGRES_USER"],
                               password=e["POSTGRES_PASSWORD"], dbname=e["POSTGRES_DBNAME"], autocommit=True)

    def sql(self, statement: str, params: tuple = ()) -> list[tuple]:
        statement = statement.format(events=self.events, chain=self.chain, pos=self.pos, chain_pos=self.chain_pos)
        if self.kind == "sqlite":
            statement = statement.replace("%s", "?")
        conn = self.connect()
        try:
            cur = conn.execute(statement, params)
            return list(cur.fetchall()) if cur.description else []
        finally:
            conn.close()

    def positions(self) -> list[int]:
        return [r[0] for r in self.sql("SELECT {pos} FROM {events} ORDER BY {pos}")]

    def state(self, position: int) -> bytes:
        return bytes(self.sql("SELECT state FROM {events} WHERE {pos} = %s", (position,))[0][0])

    def alter_one_byte(self, position: int) -> None:
        """One hex digit of the command id: the event still reads, it just says something else."""
        state = bytearray(self.state(position))
        i = state.index(b'"command_id":"') + len(b'"command_id":"')
        state[i] = ord("a") if state[i] != ord("a") else ord("b")
        self.sql("UPDATE {events} SET state = %s WHERE {pos} = %s", (bytes(state), position))

    def delete(self, position: int) -> None:
        self.sql("DELETE FROM {events} WHERE {pos} = %s", (position,))

    def insert_copy_of(self, position: int) -> None:
        """A forged event: the topic and state of an existing one under a new originator."""
        topic, state = self.sql("SELECT topic, state FROM {events} WHERE {pos} = %s", (position,))[0]
        forged = uuid.uuid4()
        self.sql("INSERT INTO {events} (originator_id, originator_version, topic, state) VALUES (%s, 1, %s, %s)",
                 (forged.hex if self.kind == "sqlite" else forged, topic, bytes(state)))

    def swap(self, a: int, b: int) -> None:
        self.sql("UPDATE {events} SET {pos} = %s WHERE {pos} = %s", (-a, a))
        self.sql("UPDATE {events} SET {pos} = %s WHERE {pos} = %s", (a, b))
        self.sql("UPDATE {events} SET {pos} = %s WHERE {pos} = %s", (b, -a))

    def rewrite_chain_from(self, position: int) -> None:
        """Recompute and overwrite the stored chain from `position` on, as a careful forger would."""
        rows = self.sql("SELECT {pos}, originator_id, originator_version, topic, state FROM {events} "
                        "WHERE {pos} >= %s ORDER BY {pos}", (position,))
        prev = self.sql("SELECT link FROM {chain} WHERE {chain_pos} < %s ORDER BY {chain_pos} DESC LIMIT 1",
                        (position,))
        chain_rows = [(p, originator_bytes(uuid.UUID(str(o))), v, t, bytes(s)) for p, o, v, t, s in rows]
        for p, link in extend(bytes(prev[0][0]) if prev else GENESIS, chain_rows):
            self.sql("UPDATE {chain} SET link = %s WHERE {chain_pos} = %s", (link, p))

    def forget_seals(self) -> None:
        self.sql("DELETE FROM {chain}".replace("{chain}", self.chain.replace("_chain", "_seals")))

    def truncate_last(self) -> int:
        last = self.positions()[-1]
        self.delete(last)
        self.sql("DELETE FROM {chain} WHERE {chain_pos} = %s", (last,))
        return last
