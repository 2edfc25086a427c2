"""What people decided and how a run is split: the curation pulled back from Argilla, what was
pushed there, and the stored train/test assignment of each problem."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from generator.store.db import Database

SCHEMA = """
-- Human curation pulled back from Argilla: one row per sample, after the agreement rule.
-- decision: keep | reject | conflict | pending; labels: JSON list of principles confirmed.
CREATE TABLE IF NOT EXISTS curation (
    sample_id TEXT PRIMARY KEY,
    decision TEXT NOT NULL,
    labels TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '[]',
    responses TEXT NOT NULL DEFAULT '[]',
    updated_at REAL NOT NULL,
    code_sha TEXT  -- the code the decision was made on (generator.curation.state.code_sha)
);
-- What `push` last sent to an Argilla dataset for each sample: its record's hash.
CREATE TABLE IF NOT EXISTS curation_pushed (
    dataset_id TEXT NOT NULL,
    sample_id TEXT NOT NULL,
    record_hash TEXT NOT NULL,
    pushed_at REAL NOT NULL,
    PRIMARY KEY (dataset_id, sample_id)
);
-- The stored train/test assignment of each problem, per row source (generator.dataset.split).
CREATE TABLE IF NOT EXISTS dataset_split (
    source TEXT NOT NULL,
    problem_id TEXT NOT NULL,
    split TEXT NOT NULL,
    PRIMARY KEY (source, problem_id)
);
"""


class Decision(BaseModel):
    """The curators' decision on one item after the agreement rule, as a store keeps it (the
    run's curation of samples, the demo's of feedback)."""

    decision: str  # keep | reject | conflict | pending
    labels: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    responses: list[dict[str, Any]] = Field(default_factory=list)  # the votes counted

    def columns(self) -> tuple[str, str, str, str]:
        """Its decision, labels, notes and responses columns (the lists as JSON)."""
        return (
            self.decision,
            json.dumps(self.labels),
            json.dumps(self.notes),
            json.dumps(self.responses),
        )

    @staticmethod
    def from_columns(decision: str, labels: str, notes: str, responses: str) -> dict[str, Any]:
        return {
            "decision": decision,
            "labels": json.loads(labels or "[]"),
            "notes": [str(n) for n in json.loads(notes or "[]")],
            "responses": json.loads(responses or "[]"),
        }


class CurationDecision(Decision):
    """One sample's row of the curation table, decided on the code whose sha is `code_sha`
    (None in stores from before the column existed)."""

    sample_id: str
    code_sha: str | None = None


class CurationStore:
    """The curation and split tables of a run's store."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def decisions(self) -> list[CurationDecision]:
        """Every stored curation row, as pulled (staleness is the reader's business)."""
        rows = self.db.execute(
            "SELECT sample_id, decision, labels, notes, responses, code_sha FROM curation"
        )
        return [
            CurationDecision(sample_id=r[0], code_sha=r[5], **Decision.from_columns(*r[1:5]))
            for r in rows
        ]

    def save(self, decisions: list[CurationDecision], at: float) -> None:
        """Insert or replace the rows of these samples, all in one transaction."""
        with self.db.tx() as c:
            c.executemany(
                "INSERT INTO curation(sample_id, decision, labels, notes, responses, updated_at,"
                " code_sha) VALUES (?,?,?,?,?,?,?) ON CONFLICT(sample_id) DO UPDATE SET"
                " decision = excluded.decision, labels = excluded.labels, notes = excluded.notes,"
                " responses = excluded.responses, updated_at = excluded.updated_at,"
                " code_sha = excluded.code_sha",
                [(d.sample_id, *d.columns(), at, d.code_sha) for d in decisions],
            )

    def pushed_hashes(self, dataset_id: str) -> dict[str, str]:
        """sample id -> hash of the record last sent for it to the Argilla dataset."""
        rows = self.db.execute(
            "SELECT sample_id, record_hash FROM curation_pushed WHERE dataset_id = ?",
            (dataset_id,),
        )
        return {r[0]: r[1] for r in rows}

    def mark_pushed(self, dataset_id: str, hashes: dict[str, str], at: float) -> None:
        """Record one batch the server accepted (sample id -> record hash), atomically."""
        with self.db.tx() as c:
            c.executemany(
                "INSERT INTO curation_pushed(dataset_id, sample_id, record_hash, pushed_at)"
                " VALUES (?,?,?,?) ON CONFLICT(dataset_id, sample_id) DO UPDATE SET"
                " record_hash = excluded.record_hash, pushed_at = excluded.pushed_at",
                [(dataset_id, sid, h, at) for sid, h in hashes.items()],
            )

    def replace_split(self, source: str, assignment: dict[str, str]) -> None:
        """`source`'s problem -> split assignment, replacing the stored one as a whole."""
        with self.db.tx() as c:
            c.execute("DELETE FROM dataset_split WHERE source = ?", (source,))
            c.executemany(
                "INSERT INTO dataset_split(source, problem_id, split) VALUES (?, ?, ?)",
                [(source, p, s) for p, s in sorted(assignment.items())],
            )

    def split(self, source: str) -> dict[str, str]:
        """problem id -> train or test for `source`; empty when none is stored."""
        rows = self.db.execute(
            "SELECT problem_id, split FROM dataset_split WHERE source = ?", (source,)
        )
        return {r[0]: r[1] for r in rows}
