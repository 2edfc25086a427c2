"""From several annotators' responses to one decision per sample.

Rules (`--agreement`):
- majority (default): keep or reject by strict majority of submitted responses; a tie is a
  `conflict`. A kept sample's labels are the principles more than half of its keepers ticked;
  a principle ticked by exactly half is a tie, so the sample is a `conflict` too.
- unanimous: every submitted response must agree on the decision and, for keep, the labels.
A discarded response abstains. A sample nobody submitted but somebody discarded is `reject`
(no one would keep it); one with fewer submitted responses than `min_votes` is `pending`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from generator.principles import Principle


class Rule(StrEnum):
    MAJORITY = "majority"
    UNANIMOUS = "unanimous"


@dataclass(frozen=True)
class Vote:
    user: str
    status: str  # submitted | discarded
    decision: str | None = None  # keep | reject
    labels: tuple[str, ...] = ()
    note: str = ""


@dataclass
class Outcome:
    decision: str  # keep | reject | conflict | pending
    labels: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)


def _ordered(labels: set[str]) -> list[str]:
    order = {p.value: i for i, p in enumerate(Principle)}
    return sorted(labels, key=lambda x: (order.get(x, len(order)), x))


def decide(votes: list[Vote], rule: Rule = Rule.MAJORITY, min_votes: int = 1) -> Outcome:
    submitted = [v for v in votes if v.status == "submitted" and v.decision in ("keep", "reject")]
    if not submitted or len(submitted) < min_votes:
        return _undecided(votes, len(submitted), min_votes)
    keepers = [v for v in submitted if v.decision == "keep"]
    outcome = _keep_or_reject(len(keepers), len(submitted) - len(keepers), rule)
    if outcome.decision != "keep":
        return outcome
    return _kept_labels(keepers, rule, outcome.disagreements)


def _undecided(votes: list[Vote], n_submitted: int, min_votes: int) -> Outcome:
    """Too few submitted votes to decide: pending, or reject when all anyone did was discard."""
    if n_submitted:
        return Outcome("pending", disagreements=[f"{n_submitted} of {min_votes} votes"])
    if any(v.status == "discarded" for v in votes):
        return Outcome("reject", disagreements=[])
    return Outcome("pending")


def _keep_or_reject(n_keep: int, n_reject: int, rule: Rule) -> Outcome:
    """The decision alone; `keep` still waits for its labels to be agreed."""
    notes: list[str] = []
    if n_keep and n_reject:
        notes.append(f"decision: keep {n_keep}, reject {n_reject}")
    if rule == Rule.UNANIMOUS and n_keep and n_reject:
        return Outcome("conflict", disagreements=notes)
    if n_keep == n_reject:
        return Outcome("conflict", disagreements=notes)
    if n_reject > n_keep:
        return Outcome("reject", disagreements=notes)
    return Outcome("keep", disagreements=notes)


def _kept_labels(keepers: list[Vote], rule: Rule, notes: list[str]) -> Outcome:
    n_keep = len(keepers)
    counts: dict[str, int] = {}
    for v in keepers:
        for label in set(v.labels):
            counts[label] = counts.get(label, 0) + 1
    confirmed = {p for p, c in counts.items() if 2 * c > n_keep}
    split = {p: c for p, c in counts.items() if c < n_keep}
    notes = notes + [f"label {p}: {split[p]} of {n_keep} keepers" for p in _ordered(set(split))]
    tied = any(2 * c == n_keep for c in counts.values())
    if (rule == Rule.UNANIMOUS and split) or tied:
        return Outcome("conflict", _ordered(confirmed), notes)
    return Outcome("keep", _ordered(confirmed), notes)
