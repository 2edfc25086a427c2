"""What the store's curation table says, checked against the code each decision was made on.

A decision pulled from Argilla belongs to the code the curator saw (its `code_sha`). When a
sample is regenerated afterwards, its row no longer describes the code in the run: every
reader (export, `declean status`, the card) sees it as `stale`, never as keep or reject.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from generator.store import Store

STALE = "stale"


def code_sha(code: str) -> str:
    """The identity of a program as a curator judges it: its exact text."""
    return hashlib.sha256(code.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class CurationRow:
    decision: str  # keep | reject | conflict | pending | stale
    labels: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def current_curation(store: Store) -> dict[str, CurationRow]:
    """sample id -> its curation, `stale` where the code changed since the decision."""
    code = store.codes()
    out: dict[str, CurationRow] = {}
    for row in store.curation.decisions():
        sid, sha = row.sample_id, row.code_sha
        changed = sid in code and (sha is None or sha != code_sha(code[sid]))
        if changed and row.decision != "pending":  # nothing was decided on a pending row
            out[sid] = CurationRow(STALE, [], row.notes)
        else:
            out[sid] = CurationRow(row.decision, row.labels, row.notes)
    return out


def decision_counts(store: Store) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in current_curation(store).values():
        counts[row.decision] = counts.get(row.decision, 0) + 1
    return dict(sorted(counts.items()))
