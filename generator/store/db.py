"""One SQLite file, shared by the stores that keep their tables in it: one connection (WAL),
one lock, transactions, and a damaged, full or read-only file told in one line."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.errors import DecleanError
from generator.store.faults import store_error

Migrate = Callable[[sqlite3.Connection], None]


class Database:
    """Thread-safe access to one SQLite file holding the tables of `schema`."""

    def __init__(self, path: Path, schema: str, migrations: tuple[Migrate, ...] = ()) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            self.conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA busy_timeout=10000")
            self.conn.executescript(schema)
            for migrate in migrations:
                migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise store_error(path, exc) or DecleanError(
                f"{path}: not a usable declean store: {exc}"
            ) from None

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    @contextmanager
    def _faults(self) -> Iterator[None]:
        """A damaged store, a full disk or a read-only one: one line naming the file."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            error = store_error(self.path, exc)
            if error is None:
                raise
            raise error from None

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One atomic transaction; everything inside commits together or not at all."""
        with self._lock, self._faults():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:  # SQLite may have rolled back already (full disk)
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock, self._faults():
            cur = self.conn.execute(sql, params)
            return cur.fetchall()


def add_column(conn: sqlite3.Connection, table: str, column: str, kind: str) -> None:
    """Stores made before a column existed get it, so old runs keep opening."""
    have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
    if column not in have:
        conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
