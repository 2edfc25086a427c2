"""One scoring for every detector: per label F1, Jaccard, precision, recall and ROC AUC.

The figures are scikit-learn's. A label's F1 (or precision, Jaccard) with nothing to count
is 0, so "flag nothing" scores 0 rather than vanishing; macro-F1 is the mean over the labels
the scored rows carry at least once. ROC AUC needs a score per row and both classes among the
rows; otherwise it is null. An answer the detector could not give counts as no label at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.detectors.folder import LABELS

METRICS = ("f1", "jaccard", "precision", "recall", "auc", "support")


@dataclass(frozen=True)
class Predictions:
    """What a detector said of each row: labels (None: no answer) and, where it gives them,
    a score per label (higher means more likely)."""

    labels: list[tuple[str, ...] | None]
    scores: list[dict[str, float]] | None = None


def _matrix(rows: Sequence[Sequence[str] | None]) -> list[list[int]]:
    return [[int(r is not None and name in r) for name in LABELS] for r in rows]


def _auc(gold: list[int], scores: list[float] | None) -> float | None:
    from sklearn.metrics import roc_auc_score

    if scores is None or len(set(gold)) < 2:
        return None
    return float(roc_auc_score(gold, scores))


def per_label(gold: list[list[int]], pred: list[list[int]], scores: Predictions) -> dict:
    from sklearn.metrics import f1_score, jaccard_score, precision_score, recall_score

    out: dict[str, dict[str, Any]] = {}
    for j, name in enumerate(LABELS):
        g = [row[j] for row in gold]
        p = [row[j] for row in pred]
        s = [row.get(name, 0.0) for row in scores.scores] if scores.scores is not None else None
        out[name] = {
            "f1": float(f1_score(g, p, zero_division=0.0)),
            "jaccard": float(jaccard_score(g, p, zero_division=0.0)),
            "precision": float(precision_score(g, p, zero_division=0.0)),
            "recall": float(recall_score(g, p, zero_division=0.0)),
            "auc": _auc(g, s),
            "support": sum(g),
        }
    return out


def score(
    gold: Sequence[Sequence[str]], predictions: Predictions, split: str, detector: str
) -> dict[str, Any]:
    """The object `declean eval --json` prints; outside scripts rely on its keys."""
    if len(gold) != len(predictions.labels):
        raise ValueError(f"{len(gold)} gold label sets but {len(predictions.labels)} answers")
    g, p = _matrix(gold), _matrix(predictions.labels)
    labels = per_label(g, p, predictions)
    carried = [v["f1"] for v in labels.values() if v["support"]]
    exact = sum(1 for a, b in zip(g, p, strict=True) if a == b)
    return {
        "split": split,
        "detector": detector,
        "n": len(gold),
        "macro_f1": sum(carried) / len(carried) if carried else None,
        "exact_match": exact / len(gold) if gold else None,
        "per_label": labels,
    }


def _fmt(x: object) -> str:
    return "-" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def markdown(report: dict[str, Any], title: str) -> str:
    head = ["label", *METRICS]
    lines = [f"# {title}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, row in report["per_label"].items():
        lines.append("| " + " | ".join([name, *(_fmt(row[m]) for m in METRICS)]) + " |")
    lines += [
        "",
        f"- programs: {report['n']}",
        f"- macro-F1: {_fmt(report['macro_f1'])} (mean over the labels with support)",
        f"- exact match: {_fmt(report['exact_match'])}",
        "",
    ]
    return "\n".join(lines)
