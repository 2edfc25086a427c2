"""Figures per program, keyed by code hash and the analysers' settings, in a small SQLite file.

Kept apart from the run's store: it is a pure cache (deleting it costs only time), and
`declean audit` or `declean evidence` may fill it for programs no run ever stored."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

FILE_NAME = "independent.sqlite"


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8", errors="replace")).hexdigest()


class FigureCache:
    def __init__(self, directory: Path, version: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / FILE_NAME
        self.version = version
        self._lock = threading.Lock()
        self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.conn.execute("PRAGMA busy_timeout=10000")
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS figures (hash TEXT NOT NULL, version TEXT NOT NULL,"
            " data TEXT NOT NULL, PRIMARY KEY (hash, version))"
        )

    def get_many(self, hashes: list[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        with self._lock:
            for h in hashes:
                row = self.conn.execute(
                    "SELECT data FROM figures WHERE hash = ? AND version = ?", (h, self.version)
                ).fetchone()
                if row:
                    out[h] = json.loads(row[0])
        return out

    def put_many(self, figures: dict[str, dict[str, Any]]) -> None:
        with self._lock:
            self.conn.executemany(
                "INSERT OR REPLACE INTO figures(hash, version, data) VALUES (?, ?, ?)",
                [(h, self.version, json.dumps(d, sort_keys=True)) for h, d in figures.items()],
            )

    def close(self) -> None:
        with self._lock:
            self.conn.close()
