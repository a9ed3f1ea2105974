"""The SQL of the SQLite recorder's write-time checks: the head and the versions read in one row
(the long way), or checked inside the link's own INSERT (after the recorder's own last write)."""
from __future__ import annotations


class CheckStatements:
    """Each statement written once per count of ids it checks, and kept."""

    def __init__(self, events_table: str, chain_table: str) -> None:
        self.events_table, self.chain_table = events_table, chain_table
        self.versions: dict[int, str] = {}  # the head-and-versions query, by how many ids it checks
        self.guarded: dict[tuple[int, int], str] = {}  # the guarded link's insert, by how many years and ids

    def head_and_versions(self, ids: int) -> str:
        """One row: the head, then each id's newest version (an index seek each), None for none."""
        statement = self.versions.get(ids)
        if statement is None:
            newest = f"(SELECT MAX(originator_version) FROM {self.events_table} WHERE originator_id = ?)"
            statement = self.versions[ids] = (
                f"SELECT (SELECT link FROM {self.chain_table} ORDER BY position DESC LIMIT 1)"
                + "".join(f", {newest}" for _ in range(ids))
            )
        return statement

    def guarded_link(self, years: int, ids: int) -> str:
        """INSERT one link whose value is NULL, which `link NOT NULL` refuses (the statement
        alone is undone), unless each year's newest version IS NULL (no stream: still open), each
        read id's newest version IS the one bound and the chain's head IS the one bound: the very
        queries of `head_and_versions`, in the same place in the transaction. A year binds no
        NULL: sqlite3 adapts None by a failed attribute lookup. Bound: the position, each year's
        key, each read's key and version, the head, the link."""
        statement = self.guarded.get((years, ids))
        if statement is None:
            newest = f"(SELECT MAX(originator_version) FROM {self.events_table} WHERE originator_id = ?) IS "
            statement = self.guarded[(years, ids)] = (
                f"INSERT INTO {self.chain_table} (position, link) VALUES (?, CASE WHEN "
                + f"{newest}NULL AND " * years + f"{newest}? AND " * (ids - years)
                + f"(SELECT link FROM {self.chain_table} ORDER BY position DESC LIMIT 1) IS ? THEN ? END)"
            )
        return statement
