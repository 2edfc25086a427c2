"""The LLM response cache and call log: what makes a killed run resume without paying twice.

A request's answer is kept under its key (the request's hash, made by the adapter), and every
call, cached or not, is logged with its tokens, latency and retries for the funnel.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from generator.store.db import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS llm_cache (
    key TEXT PRIMARY KEY,
    request TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS llm_calls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    sample_id TEXT,
    purpose TEXT NOT NULL,
    model TEXT NOT NULL,
    cached INTEGER NOT NULL,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    latency_ms REAL NOT NULL DEFAULT 0,
    retries INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    created_at REAL NOT NULL
);
"""


class LLMCache:
    """The cache the LLM adapter reads and writes (generator/llm/cache.py's protocol)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str) -> dict[str, Any] | None:
        rows = self.db.execute("SELECT response FROM llm_cache WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else None

    def put(self, key: str, request: dict[str, Any], response: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO llm_cache(key, request, response, created_at) VALUES (?,?,?,?)",
            (key, json.dumps(request, sort_keys=True), json.dumps(response), time.time()),
        )

    def log(
        self,
        key: str,
        purpose: str,
        model: str,
        cached: bool,
        sample_id: str | None = None,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        latency_ms: float = 0.0,
        retries: int = 0,
        error: str | None = None,
    ) -> None:
        self.db.execute(
            "INSERT INTO llm_calls(key, sample_id, purpose, model, cached, prompt_tokens,"
            " completion_tokens, latency_ms, retries, error, created_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                key,
                sample_id,
                purpose,
                model,
                int(cached),
                prompt_tokens,
                completion_tokens,
                latency_ms,
                retries,
                error,
                time.time(),
            ),
        )

    def use_by_sample(self) -> dict[str, tuple[int, int]]:
        """Per sample id: LLM requests sent (cache hits not counted) and completion tokens."""
        rows = self.db.execute(
            "SELECT sample_id, COUNT(*), COALESCE(SUM(completion_tokens), 0) FROM llm_calls"
            " WHERE cached = 0 AND sample_id IS NOT NULL GROUP BY 1"
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    def stats(self) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT"
            " COALESCE(SUM(CASE WHEN cached = 0 THEN 1 ELSE 0 END), 0),"
            " COALESCE(SUM(cached), 0),"
            " COALESCE(SUM(CASE WHEN cached = 0 THEN prompt_tokens ELSE 0 END), 0),"
            " COALESCE(SUM(CASE WHEN cached = 0 THEN completion_tokens ELSE 0 END), 0),"
            " COALESCE(SUM(CASE WHEN error IS NOT NULL THEN 1 ELSE 0 END), 0),"
            " COALESCE(SUM(retries), 0),"
            " COALESCE(SUM(CASE WHEN cached = 0 THEN latency_ms ELSE 0 END), 0)"
            " FROM llm_calls"
        )[0]
        return {
            "requests": row[0],
            "cache_hits": row[1],
            "prompt_tokens": row[2],
            "completion_tokens": row[3],
            "errors": row[4],
            "retries": row[5],
            "latency_ms_total": round(row[6], 1),
        }


def cache_file(path: Path) -> LLMCache:
    """A cache in a file of its own, its tables only (the demo's); close it with `.db`."""
    return LLMCache(Database(path, SCHEMA))
