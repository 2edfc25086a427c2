"""The demo's data: `DIR/demo.sqlite` with every answer (by code hash) and every feedback.

A feedback row copies the code and the detector's answer, so it stands alone once the
answer cache is cleared. Nothing about the person is kept (no address, no browser) unless
a login is configured, and then only the name the gate vouches for.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import DecleanError
from generator.store import Decision

DB_NAME = "demo.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS checks (
    id TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL,
    code TEXT NOT NULL,
    model TEXT NOT NULL,
    prompt_sha TEXT NOT NULL,
    answer TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    check_id TEXT NOT NULL,
    code TEXT NOT NULL,
    detector_labels TEXT NOT NULL,
    detector_answer TEXT NOT NULL,
    user_labels TEXT NOT NULL,
    verdicts TEXT NOT NULL DEFAULT '{}',
    comment TEXT NOT NULL DEFAULT '',
    user TEXT,
    model TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_check ON feedback(check_id);
"""
# The Argilla side of the feedback (generator/curation/feedback.py): made by its first push or
# pull, so a store without `feedback_curation` is one nobody has pulled curation into yet.
FEEDBACK_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback_pushed (
    dataset_id TEXT NOT NULL,
    feedback_id INTEGER NOT NULL,
    record_hash TEXT NOT NULL,
    pushed_at REAL NOT NULL,
    PRIMARY KEY (dataset_id, feedback_id)
);
CREATE TABLE IF NOT EXISTS feedback_curation (
    feedback_id INTEGER PRIMARY KEY,
    decision TEXT NOT NULL,
    labels TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '[]',
    responses TEXT NOT NULL DEFAULT '[]',
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
DATASET_KEY = "feedback.dataset"


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def check_id(code: str, model: str, prompt_sha: str) -> str:
    """Same code, model and prompt: same answer, same id (the cache key)."""
    key = f"{model}\0{prompt_sha}\0{code_hash(code)}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Feedback:
    id: int
    check_id: str
    code: str
    detector_labels: list[str]
    detector_answer: dict[str, Any]
    user_labels: list[str]
    verdicts: dict[str, str]
    comment: str
    user: str | None
    model: str
    created_at: float


class FeedbackDecision(Decision):
    """The curators' decision on one feedback row, pulled from Argilla."""

    feedback_id: int


class DemoStore:
    """One SQLite file, one connection behind a lock; every write is one transaction."""

    def __init__(self, directory: Path) -> None:
        self.dir = Path(directory)
        self.path = self.dir / DB_NAME
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA busy_timeout=10000")
            self.conn.executescript(SCHEMA)
        except (OSError, sqlite3.DatabaseError) as exc:
            raise DecleanError(f"{self.path}: cannot open the demo store: {exc}") from None
        self._lock = threading.Lock()

    @classmethod
    def open_existing(cls, directory: Path) -> DemoStore:
        if not (Path(directory) / DB_NAME).is_file():
            raise DecleanError(
                f"{directory} holds no {DB_NAME}: pass the --dir the demo ran with"
                " (`declean demo --dir DIR`)"
            )
        return cls(directory)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> DemoStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    def write(self, sql: str, rows: list[tuple[Any, ...]]) -> int | None:
        """Run one statement per row in a single transaction: all land, or none."""
        with self._lock:
            cur = self.conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                for row in rows:
                    cur.execute(sql, row)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            return cur.lastrowid

    def executescript(self, sql: str) -> None:
        with self._lock:
            self.conn.executescript(sql)

    # -- answers -----------------------------------------------------------------------
    def answer(self, cid: str) -> dict[str, Any] | None:
        rows = self.execute("SELECT answer FROM checks WHERE id = ?", (cid,))
        return json.loads(rows[0][0]) if rows else None

    def check_row(self, cid: str) -> tuple[str, str, dict[str, Any]] | None:
        rows = self.execute("SELECT code, model, answer FROM checks WHERE id = ?", (cid,))
        return (rows[0][0], rows[0][1], json.loads(rows[0][2])) if rows else None

    def save_answer(
        self, cid: str, code: str, model: str, prompt_sha: str, answer: dict[str, Any]
    ) -> None:
        self.write(
            "INSERT OR REPLACE INTO checks(id, code_hash, code, model, prompt_sha, answer,"
            " created_at) VALUES (?,?,?,?,?,?,?)",
            [(cid, code_hash(code), code, model, prompt_sha, json.dumps(answer), time.time())],
        )

    # -- feedback ----------------------------------------------------------------------
    def add_feedback(
        self,
        cid: str,
        user_labels: list[str],
        verdicts: dict[str, str],
        comment: str,
        user: str | None,
    ) -> int:
        found = self.check_row(cid)
        if found is None:
            raise KeyError(cid)
        code, model, answer = found
        rowid = self.write(
            "INSERT INTO feedback(check_id, code, detector_labels, detector_answer, user_labels,"
            " verdicts, comment, user, model, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    cid,
                    code,
                    json.dumps(answer.get("labels", [])),
                    json.dumps(answer),
                    json.dumps(user_labels),
                    json.dumps(verdicts),
                    comment,
                    user,
                    model,
                    time.time(),
                )
            ],
        )
        return int(rowid or 0)

    def feedback(self) -> list[Feedback]:
        rows = self.execute(
            "SELECT id, check_id, code, detector_labels, detector_answer, user_labels, verdicts,"
            " comment, user, model, created_at FROM feedback ORDER BY id"
        )
        return [
            Feedback(
                r[0],
                r[1],
                r[2],
                json.loads(r[3]),
                json.loads(r[4]),
                json.loads(r[5]),
                json.loads(r[6]),
                r[7],
                r[8],
                r[9],
                r[10],
            )
            for r in rows
        ]

    # -- feedback in Argilla -----------------------------------------------------------
    def _feedback_tables(self) -> None:
        self.executescript(FEEDBACK_SCHEMA)

    def feedback_dataset(self) -> dict[str, str]:
        """Where the feedback was last pushed (url, workspace, name, id); empty: never."""
        self._feedback_tables()
        rows = self.execute("SELECT value FROM feedback_meta WHERE key = ?", (DATASET_KEY,))
        return json.loads(rows[0][0]) if rows else {}

    def set_feedback_dataset(self, dataset: dict[str, str]) -> None:
        self._feedback_tables()
        self.write(
            "INSERT OR REPLACE INTO feedback_meta(key, value) VALUES (?, ?)",
            [(DATASET_KEY, json.dumps(dataset))],
        )

    def feedback_hashes(self, dataset_id: str) -> dict[int, str]:
        """feedback id -> hash of the record last sent for it to the Argilla dataset."""
        self._feedback_tables()
        rows = self.execute(
            "SELECT feedback_id, record_hash FROM feedback_pushed WHERE dataset_id = ?",
            (dataset_id,),
        )
        return {r[0]: r[1] for r in rows}

    def mark_feedback_pushed(self, dataset_id: str, hashes: dict[int, str], at: float) -> None:
        """Record one batch the server accepted (feedback id -> record hash), atomically."""
        self._feedback_tables()
        self.write(
            "INSERT OR REPLACE INTO feedback_pushed(dataset_id, feedback_id, record_hash,"
            " pushed_at) VALUES (?,?,?,?)",
            [(dataset_id, fid, h, at) for fid, h in hashes.items()],
        )

    def save_feedback_decisions(self, decisions: list[FeedbackDecision], at: float) -> None:
        self._feedback_tables()
        self.write(
            "INSERT OR REPLACE INTO feedback_curation(feedback_id, decision, labels, notes,"
            " responses, updated_at) VALUES (?,?,?,?,?,?)",
            [(d.feedback_id, *d.columns(), at) for d in decisions],
        )

    def feedback_decisions(self) -> dict[int, FeedbackDecision] | None:
        """feedback id -> the curators' decision; None when no push or pull made the table."""
        tables = self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if ("feedback_curation",) not in tables:
            return None
        rows = self.execute(
            "SELECT feedback_id, decision, labels, notes, responses FROM feedback_curation"
        )
        return {
            r[0]: FeedbackDecision(feedback_id=r[0], **Decision.from_columns(*r[1:5])) for r in rows
        }
