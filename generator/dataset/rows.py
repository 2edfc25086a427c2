"""Which samples make the dataset, and with which labels.

`auto`: every accepted sample, clean ones included with no label (the negatives).
`curated`: the samples curators kept, with the labels they confirmed. Either way, programs
that failed to compile can join as the `NO_COMPILE` class, so a detector is also tested on
code a compiler would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from generator.errors import ConfigError
from generator.principles import Principle
from generator.records import Reason, Sample, Status
from generator.store import Store

NO_COMPILE = "NO_COMPILE"
LABEL_NAMES: list[str] = [p.value for p in Principle] + [NO_COMPILE]
NONE_LABEL = "(none)"  # balance-table row for samples without any label: the clean negatives


class Source(StrEnum):
    AUTO = "auto"
    CURATED = "curated"


class Labels(StrEnum):
    """What an `auto` row's labels say. `reviewer`: what a reviewer would say of the code, by
    the principles' verdicts (an edit a reviewer lets pass is a negative; a root that already
    breaks a principle carries it). `injected`: what the edits did, whatever a reviewer says."""

    REVIEWER = "reviewer"
    INJECTED = "injected"


def reviewer_labels(code: str) -> tuple[str, ...]:
    from generator.principles.base import verdicts

    return ordered(p.value for p, v in verdicts(code).items() if v.violated)


@dataclass(frozen=True)
class Row:
    """One dataset row before export: the stored sample plus its gold labels."""

    sample: Sample
    labels: tuple[str, ...]  # gold labels, in LABEL_NAMES order
    curation: str  # keep | reject | conflict | pending | uncurated
    curation_notes: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.sample.id

    @property
    def problem_id(self) -> str:
        return self.sample.problem_id


def ordered(labels: object) -> tuple[str, ...]:
    """Known label names in LABEL_NAMES order, duplicates dropped."""
    names = {str(x) for x in labels}  # type: ignore[attr-defined]
    return tuple(n for n in LABEL_NAMES if n in names)


def _curation_table(store: Store) -> dict[str, tuple[str, list[str], list[str]]]:
    # A decision made on code the run has since replaced reads as `stale`, never as keep.
    from generator.curation.state import current_curation

    return {sid: (r.decision, r.labels, r.notes) for sid, r in current_curation(store).items()}


def load_rows(
    store: Store,
    source: Source,
    include_no_compile: bool = True,
    labels: Labels = Labels.INJECTED,
) -> list[Row]:
    """The rows of the dataset, sorted by sample id so every later step is deterministic."""
    curation = _curation_table(store)
    rows: list[Row] = []
    for s in store.samples(status=Status.ACCEPTED):
        decision, curated_labels, notes = curation.get(s.id, ("uncurated", [], []))
        if source is Source.CURATED:
            if decision != "keep":
                continue
            unknown = sorted({str(x) for x in curated_labels} - set(LABEL_NAMES))
            if unknown:
                raise ConfigError(
                    f"{store.path}: curation row {s.id!r} has unknown label(s) {unknown}"
                    f" (known: {', '.join(LABEL_NAMES)}); fix it in Argilla and pull again"
                )
            gold = ordered(curated_labels)
        elif labels is Labels.REVIEWER:
            gold = reviewer_labels(s.code)
        else:
            gold = ordered(p.value for p in s.labels)
        rows.append(Row(s, gold, decision, [str(n) for n in notes]))
    if source is Source.CURATED and not rows:
        raise ConfigError(
            f"{store.path}: no curated sample with decision 'keep' (pull the curation from"
            " Argilla with `declean pull`, or use --source auto)"
        )
    if include_no_compile:
        # The code of a compile failure is a fact about the compiler, not a curator's call,
        # so these join whatever the source.
        for s in store.samples(status=Status.REJECTED):
            if s.reason is Reason.COMPILE_FAILED and s.code.strip():
                decision, _, notes = curation.get(s.id, ("uncurated", [], []))
                rows.append(Row(s, (NO_COMPILE,), decision, [str(n) for n in notes]))
    return sorted(rows, key=lambda r: r.id)
