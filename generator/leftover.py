"""What a run left to do: samples a later run of the same command will make.

Pending samples (a run that stopped mid-way), llm_error and sandbox_error with runs left
(`transient_tries`), and the subsets recorded as parent_rejected only because an ancestor
is one of those. The same failures past their cap are final, counted apart."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.records import TRANSIENT, Reason, Status
from generator.store import Store

PARENT_REJECTED = Reason.PARENT_REJECTED.value
TRANSIENT_VALUES = frozenset(r.value for r in TRANSIENT)

Row = tuple[str, str | None, str, str | None, int]


@dataclass
class Leftover:
    retry: Counter[str] = field(default_factory=Counter)  # by reason; "interrupted": started
    final: Counter[str] = field(default_factory=Counter)  # transient failures past their cap
    not_started: int = 0  # problems with no sample yet (a run stopped early)
    cap: int = 0

    def __bool__(self) -> bool:
        return bool(sum(self.retry.values()) or self.not_started)

    def message(self) -> str:
        """'12 samples left pending: 9 llm_error, 3 sandbox_error; run the same command
        again to resume'."""
        ranked = sorted(self.retry.items(), key=lambda kv: (-kv[1], kv[0]))
        parts = [f"{n} {why}" for why, n in ranked]
        text = f"{sum(self.retry.values())} samples left pending"
        text += f": {', '.join(parts)}" if parts else ""
        if self.not_started:
            text += f", and {self.not_started} problem(s) not started"
        return f"{text}; run the same command again to resume"

    def as_json(self) -> dict[str, object]:
        return {"retry": dict(self.retry), "final": dict(self.final), "tries": self.cap}


def leftover(store: Store, cap: int, problem_ids: list[str] | None = None) -> Leftover:
    """Counted from the store; `problem_ids`, the run's selection, to count the problems
    not started."""
    rows = {r[0]: r for r in store.verdicts()}
    out = Leftover(cap=cap)
    for row in rows.values():
        _count(out, row, rows, cap)
    if problem_ids is not None:
        made = store.samples_per_problem()
        out.not_started = sum(1 for p in problem_ids if p not in made)
    return out


def _count(out: Leftover, row: Row, rows: dict[str, Row], cap: int) -> None:
    _, _, status, reason, tries = row
    if status == Status.PENDING.value:
        out.retry["interrupted"] += 1
    elif reason in TRANSIENT_VALUES:
        (out.retry if tries < cap else out.final)[reason] += 1
    elif reason == PARENT_REJECTED and _retried(_cause(row, rows), cap):
        out.retry[PARENT_REJECTED] += 1


def _cause(row: Row, rows: dict[str, Row]) -> Row:
    """The nearest ancestor that is not parent_rejected itself: why this one was not made."""
    seen = {row[0]}
    while row[3] == PARENT_REJECTED and row[1] in rows and row[1] not in seen:
        row = rows[row[1]]
        seen.add(row[0])
    return row


def _retried(row: Row, cap: int) -> bool:
    _, _, status, reason, tries = row
    return status == Status.PENDING.value or (reason in TRANSIENT_VALUES and tries < cap)
