"""The run's state: one SQLite file under the run directory.

Every sample (accepted or rejected, with its reason), every generation attempt and every
session live here, beside the LLM cache (`llm_cache.py`) and the curation and split tables
(`curation.py`) in the same file, so a killed run resumes and its funnel can be explained
from this file alone. Writes are committed per finished unit of work.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any, Literal

from generator.errors import DecleanError
from generator.problems import Problem
from generator.records import Kind, Sample, Status
from generator.store.curation import SCHEMA as CURATION_SCHEMA
from generator.store.curation import CurationStore
from generator.store.db import Database, add_column
from generator.store.llm_cache import SCHEMA as LLM_SCHEMA
from generator.store.llm_cache import LLMCache

DB_NAME = "declean.sqlite"

RUN_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS problems (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS samples (
    id TEXT PRIMARY KEY,
    problem_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id TEXT,
    root_id TEXT NOT NULL,
    principle TEXT,
    labels TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    data TEXT NOT NULL,
    updated_at REAL NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0  -- runs that started it: caps retries of llm/sandbox errors
);
CREATE INDEX IF NOT EXISTS samples_problem ON samples(problem_id);
CREATE INDEX IF NOT EXISTS samples_status ON samples(status);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sample_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    step TEXT NOT NULL,
    code TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    data TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_sample ON attempts(sample_id);
-- One row per `declean run` on this store: the settings it ran with and how it ended
-- (running, finished, incomplete, stopped, failed); `restarted` is what --restart-changed redid.
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at REAL NOT NULL,
    ended_at REAL,
    pid INTEGER NOT NULL,
    outcome TEXT NOT NULL DEFAULT 'running',
    detail TEXT NOT NULL DEFAULT '',
    settings TEXT NOT NULL,
    restarted TEXT NOT NULL DEFAULT '{}'
);
"""
RUN_ID_KEY = "run.id"


class Store(Database):
    """One run's store: its samples, attempts, problems and sessions, with the LLM cache
    (`llm_cache`) and the curation and split tables (`curation`) kept in the same file."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            RUN_SCHEMA + LLM_SCHEMA + CURATION_SCHEMA,
            (
                lambda c: add_column(c, "curation", "code_sha", "TEXT"),
                lambda c: add_column(c, "samples", "tries", "INTEGER NOT NULL DEFAULT 0"),
            ),
        )
        self.llm_cache = LLMCache(self)
        self.curation = CurationStore(self)

    @classmethod
    def open(cls, run_dir: Path, create: bool = True) -> Store:
        run_dir = Path(run_dir)
        db = run_dir / DB_NAME
        if not create and not db.exists():
            raise DecleanError(f"{run_dir} is not a declean run directory (no {DB_NAME})")
        if run_dir.exists() and not run_dir.is_dir():
            raise DecleanError(f"run directory {run_dir} is a file: name a directory")
        try:
            run_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DecleanError(
                f"run directory {run_dir}: cannot create it: {exc.strerror}"
            ) from None
        return cls(db)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- meta -------------------------------------------------------------------------
    def get_meta(self, key: str, default: Any = None) -> Any:
        rows = self.execute("SELECT value FROM meta WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else default

    def set_meta(self, key: str, value: Any) -> None:
        self.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, sort_keys=True)),
        )

    def run_id(self) -> str | None:
        """This run's identity (set by its first `declean push`): tells its Argilla dataset
        from another run's even when both run directories have the same name."""
        value = self.get_meta(RUN_ID_KEY)
        return str(value) if value else None

    # -- problems ---------------------------------------------------------------------
    def save_problems(self, problems: list[Problem]) -> None:
        with self.tx() as c:
            c.executemany(
                "INSERT INTO problems(id, data) VALUES (?, ?) "
                "ON CONFLICT(id) DO UPDATE SET data = excluded.data",
                [(p.id, p.model_dump_json()) for p in problems],
            )

    def problems(self) -> dict[str, Problem]:
        rows = self.execute("SELECT data FROM problems ORDER BY id")
        out = [Problem.model_validate_json(r[0]) for r in rows]
        return {p.id: p for p in out}

    # -- samples ----------------------------------------------------------------------
    def save_sample(self, s: Sample) -> None:
        self.execute(
            "INSERT INTO samples(id, problem_id, kind, parent_id, root_id, principle, labels,"
            " status, reason, data, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET labels=excluded.labels, status=excluded.status,"
            " reason=excluded.reason, data=excluded.data, updated_at=excluded.updated_at",
            (
                s.id,
                s.problem_id,
                s.kind.value,
                s.parent_id,
                s.root_id,
                s.principle.value if s.principle else None,
                json.dumps([p.value for p in s.labels]),
                s.status.value,
                s.reason.value if s.reason else None,
                s.model_dump_json(),
                time.time(),
            ),
        )

    def save_samples(self, samples: list[Sample]) -> None:
        """Save several samples in one transaction: all of them land, or none."""
        with self.tx():
            for s in samples:
                self.save_sample(s)

    def start_sample(self, s: Sample) -> None:
        """Save a sample that is (re)started from scratch. The attempts an interrupted run
        logged for it are dropped: the restart replays them from the LLM cache and logs them
        again, and the funnel must count each once."""
        with self.tx() as c:
            c.execute("DELETE FROM attempts WHERE sample_id = ?", (s.id,))
            self.save_sample(s)
            c.execute("UPDATE samples SET tries = tries + 1 WHERE id = ?", (s.id,))

    def tries(self, sample_id: str) -> int:
        """How many runs started this sample (0 for one never started, or recorded without
        an attempt, as a subset whose parent was rejected)."""
        rows = self.execute("SELECT tries FROM samples WHERE id = ?", (sample_id,))
        return int(rows[0][0]) if rows else 0

    def verdicts(self) -> list[tuple[str, str | None, str, str | None, int]]:
        """(id, parent id, status, reason, tries) of every sample, without decoding any."""
        rows = self.execute("SELECT id, parent_id, status, reason, tries FROM samples")
        return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def samples_per_problem(self) -> dict[str, int]:
        rows = self.execute("SELECT problem_id, COUNT(*) FROM samples GROUP BY 1")
        return {r[0]: r[1] for r in rows}

    def forget_samples(self, problem_ids: list[str] | None = None) -> int:
        """Drop the samples (and their attempts) of these problems, of all when None, so the
        next run makes them again; the LLM cache and call log stay. How many were dropped."""
        where, params = "", tuple(problem_ids or ())
        if problem_ids is not None:
            where = f" WHERE problem_id IN ({','.join('?' * len(params))})"
        with self.tx() as c:
            c.execute(
                f"DELETE FROM attempts WHERE sample_id IN (SELECT id FROM samples{where})", params
            )
            return c.execute(f"DELETE FROM samples{where}", params).rowcount

    # -- sessions ---------------------------------------------------------------------
    def start_session(self, settings: dict[str, Any], restarted: dict[str, Any]) -> int:
        with self._lock, self._faults():
            cur = self.conn.execute(
                "INSERT INTO sessions(started_at, pid, settings, restarted) VALUES (?,?,?,?)",
                (
                    time.time(),
                    os.getpid(),
                    json.dumps(settings, sort_keys=True),
                    json.dumps(restarted),
                ),
            )
            return int(cur.lastrowid or 0)

    def end_session(self, session_id: int, outcome: str, detail: str = "") -> None:
        self.execute(
            "UPDATE sessions SET ended_at = ?, outcome = ?, detail = ? WHERE id = ?",
            (time.time(), outcome, detail, session_id),
        )

    def sessions(self) -> list[dict[str, Any]]:
        """Every run on this store, oldest first, with its settings."""
        rows = self.execute(
            "SELECT id, started_at, ended_at, pid, outcome, detail, settings, restarted"
            " FROM sessions ORDER BY id"
        )
        keys = ("id", "started_at", "ended_at", "pid", "outcome", "detail")
        return [
            {
                **dict(zip(keys, r[:6], strict=True)),
                "settings": json.loads(r[6]),
                "restarted": json.loads(r[7]),
            }
            for r in rows
        ]

    def get_sample(self, sample_id: str) -> Sample | None:
        rows = self.execute("SELECT data FROM samples WHERE id = ?", (sample_id,))
        return Sample.model_validate_json(rows[0][0]) if rows else None

    def samples(
        self,
        problem_id: str | None = None,
        kind: Kind | None = None,
        status: Status | None = None,
    ) -> list[Sample]:
        where, params = [], []
        for col, val in (("problem_id", problem_id), ("kind", kind), ("status", status)):
            if val is not None:
                where.append(f"{col} = ?")
                params.append(str(val))
        sql = "SELECT data FROM samples"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.execute(sql + " ORDER BY id", tuple(params))
        return [Sample.model_validate_json(r[0]) for r in rows]

    def verdict_counts(
        self, by: Literal["stage", "kind"] = "stage"
    ) -> list[tuple[str, str, str, int]]:
        """(group, status, reason or '', samples), in that order; the group is the sample's
        stage (its principle, or 'clean') or its kind (clean or variant)."""
        group = "COALESCE(principle, 'clean')" if by == "stage" else "kind"
        rows = self.execute(
            f"SELECT {group}, status, COALESCE(reason, ''), COUNT(*) FROM samples"
            " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def label_set_counts(self) -> dict[str, int]:
        """Accepted samples per label set (its JSON list), most frequent first."""
        rows = self.execute(
            "SELECT labels, COUNT(*) FROM samples WHERE status = 'accepted'"
            " GROUP BY 1 ORDER BY 2 DESC"
        )
        return {r[0]: r[1] for r in rows}

    def codes(self) -> dict[str, str]:
        """sample id -> its code, without decoding every whole sample."""
        rows = self.execute("SELECT id, json_extract(data, '$.code') FROM samples")
        return {r[0]: r[1] or "" for r in rows}

    def expected_counts(self) -> dict[object, int]:
        """Accepted clean samples by `meta.matches_expected` (1, 0, or None: unchecked)."""
        rows = self.execute(
            "SELECT json_extract(data, '$.meta.matches_expected'), COUNT(*) FROM samples"
            " WHERE kind = 'clean' AND status = 'accepted' GROUP BY 1"
        )
        return {r[0]: r[1] for r in rows}

    # -- attempts ---------------------------------------------------------------------
    def attempt_counts(self) -> list[tuple[str, str, int]]:
        """(step, outcome, attempts) over the run."""
        rows = self.execute("SELECT step, outcome, COUNT(*) FROM attempts GROUP BY 1, 2")
        return [(r[0], r[1], r[2]) for r in rows]

    def add_attempt(
        self,
        sample_id: str,
        n: int,
        step: str,
        code: str,
        outcome: str,
        detail: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        self.execute(
            "INSERT INTO attempts(sample_id, n, step, code, outcome, detail, data, created_at)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (
                sample_id,
                n,
                step,
                code,
                outcome,
                detail,
                json.dumps(data) if data else None,
                time.time(),
            ),
        )

    def attempts(self, sample_id: str) -> list[dict[str, Any]]:
        rows = self.execute(
            "SELECT n, step, code, outcome, detail, data FROM attempts WHERE sample_id = ?"
            " ORDER BY id",
            (sample_id,),
        )
        return [
            {
                "n": r[0],
                "step": r[1],
                "code": r[2],
                "outcome": r[3],
                "detail": r[4],
                "data": json.loads(r[5]) if r[5] else None,
            }
            for r in rows
        ]

    def attempt_outcomes(self, principle: str, step_part: str) -> dict[str, int]:
        """Outcomes of the attempts of `principle`'s samples whose step holds `step_part`
        (`:try` for LLM retries, `:edit` for procedural ones), counted."""
        rows = self.execute(
            "SELECT a.outcome, COUNT(*) FROM attempts a JOIN samples s ON s.id = a.sample_id"
            " WHERE s.principle = ? AND instr(a.step, ?) > 0 GROUP BY 1",
            (principle, step_part),
        )
        return {r[0]: r[1] for r in rows}
