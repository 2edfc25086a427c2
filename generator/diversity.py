"""How varied the accepted variants are: which labels occur together, how many different
things each edit touched, and who made the edits. Shown by `declean status` (key
`diversity`) and the dataset card.

What an edit touched is read from its evidence (the same for either editor): the vague
names NAME introduced, the values MC wrote out, the helpers DRY pasted and SRP merged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from generator.principles import Principle
from generator.principles.base import rule
from generator.records import Kind, Sample, Status

KINDS = ("vague_names", "inlined_values", "helpers")  # what a step can touch, per label


def touched(sample: Sample) -> dict[str, set[str]]:
    """What this variant's own step touched, per kind of thing: its principle's module
    reads that from the step's evidence details (`Rule.touched`)."""
    out: dict[str, set[str]] = {k: set() for k in KINDS}
    if sample.principle is None:
        return out
    metrics = sample.evidence.metrics if sample.evidence else {}
    details = (metrics.get(sample.principle.value) or {}).get("details") or {}
    for kind, things in rule(sample.principle).touched(details, sample.transform).items():
        out.setdefault(kind, set()).update(things)
    return out


def diversity(samples: Iterable[Sample]) -> dict[str, Any]:
    variants = [s for s in samples if s.kind == Kind.VARIANT and s.status == Status.ACCEPTED]
    names = [p.value for p in Principle]
    matrix = {a: dict.fromkeys(names, 0) for a in names}
    per_label: dict[str, dict[str, set[str]]] = {p: {k: set() for k in KINDS} for p in names}
    steps: Counter[str] = Counter()
    editors: Counter[str] = Counter()
    transforms: Counter[str] = Counter()
    for s in variants:
        labels = sorted({p.value for p in s.labels}, key=names.index)
        for a in labels:
            for b in labels:
                matrix[a][b] += 1
        if s.principle is not None:
            steps[s.principle.value] += 1
            for kind, things in touched(s).items():
                per_label[s.principle.value][kind] |= things
        editors[s.editor or "unknown"] += 1
        transforms[s.transform or "unknown"] += 1
    total = len(variants)
    return {
        "samples": total,
        "label_sets": len({tuple(sorted(p.value for p in s.labels)) for s in variants}),
        "cooccurrence": matrix,
        "per_label": {
            p: {"steps": steps[p], **{f"distinct_{k}": len(v) for k, v in per_label[p].items()}}
            for p in names
        },
        "editors": {
            e: {"samples": n, "share": round(n / total, 3)} for e, n in editors.most_common()
        },
        "transforms": dict(transforms.most_common()),
    }


def lines(data: dict[str, Any]) -> list[list[str]]:
    """The co-occurrence matrix as table rows: label, then one count per label."""
    return [[a, *(str(n) for n in row.values())] for a, row in data["cooccurrence"].items()]
