"""Multi-label scores as in the study: per-label Jaccard, plus precision, recall, F1.

For a label, gold = the samples that carry it, pred = the samples the detector gave it;
Jaccard = |pred & gold| / |pred | gold| = TP / (TP + FP + FN). An unparseable answer
counts as predicting nothing (so it costs recall) and never as an exact match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

# Per-label Jaccard of the GPT-based detector prompt in the original study, for context.
STUDY_JACCARD = {"DRY": 0.68, "MC": 0.72, "NAME": 0.58, "SRP": 0.35}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(frozen=True)
class LabelScore:
    label: str
    support: int  # samples whose gold labels hold it
    predicted: int  # samples the detector gave it
    tp: int
    fp: int
    fn: int

    @property
    def jaccard(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp + self.fn)

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def as_dict(self) -> dict[str, object]:
        return {
            **asdict(self),
            "jaccard": self.jaccard,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Scores:
    labels: list[LabelScore]
    n: int
    exact: int
    unparseable: int
    errors: int

    @property
    def exact_match(self) -> float | None:
        return _ratio(self.exact, self.n)

    def _macro(self, metric: str) -> float | None:
        values = [getattr(s, metric) for s in self.labels if s.support]
        values = [v for v in values if v is not None]
        return sum(values) / len(values) if values else None

    def as_dict(self) -> dict[str, object]:
        tp = sum(s.tp for s in self.labels)
        fp = sum(s.fp for s in self.labels)
        fn = sum(s.fn for s in self.labels)
        return {
            "n": self.n,
            "exact": self.exact,
            "exact_match": self.exact_match,
            "unparseable": self.unparseable,
            "errors": self.errors,
            "labels": {s.label: s.as_dict() for s in self.labels},
            "macro": {m: self._macro(m) for m in ("jaccard", "precision", "recall", "f1")},
            "micro": {
                "jaccard": _ratio(tp, tp + fp + fn),
                "precision": _ratio(tp, tp + fp),
                "recall": _ratio(tp, tp + fn),
                "f1": _ratio(2 * tp, 2 * tp + fp + fn),
            },
        }


def score(
    gold: Sequence[Sequence[str]],
    pred: Sequence[Sequence[str] | None],
    label_names: Sequence[str],
    errors: int = 0,
) -> Scores:
    """`pred[i] is None` marks an answer that could not be read (errors are among them)."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold label sets but {len(pred)} predictions")
    per_label = []
    for name in label_names:
        g = {i for i, labels in enumerate(gold) if name in labels}
        p = {i for i, labels in enumerate(pred) if labels is not None and name in labels}
        per_label.append(LabelScore(name, len(g), len(p), len(g & p), len(p - g), len(g - p)))
    exact = sum(1 for g, p in zip(gold, pred, strict=True) if p is not None and set(g) == set(p))
    unparseable = sum(1 for p in pred if p is None) - errors
    return Scores(per_label, len(gold), exact, unparseable, errors)


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def markdown(scores: Scores, title: str) -> str:
    head = "| label | support | predicted | TP | FP | FN | Jaccard | precision | recall | F1 |"
    head += " study Jaccard |"
    lines = [f"# {title}", "", head, "|" + "---|" * 11]
    for s in scores.labels:
        lines.append(
            f"| {s.label} | {s.support} | {s.predicted} | {s.tp} | {s.fp} | {s.fn} |"
            f" {_fmt(s.jaccard)} | {_fmt(s.precision)} | {_fmt(s.recall)} | {_fmt(s.f1)} |"
            f" {_fmt(STUDY_JACCARD.get(s.label))} |"
        )
    d = scores.as_dict()
    macro, micro = d["macro"], d["micro"]
    assert isinstance(macro, dict) and isinstance(micro, dict)
    lines += [
        "",
        f"- samples: {scores.n}",
        f"- exact-match ratio: {_fmt(scores.exact_match)} ({scores.exact}/{scores.n})",
        f"- unparseable answers: {scores.unparseable}; failed calls: {scores.errors}"
        " (both scored as predicting no label)",
        f"- macro Jaccard {_fmt(macro['jaccard'])}, F1 {_fmt(macro['f1'])} (labels with support);"
        f" micro Jaccard {_fmt(micro['jaccard'])}, F1 {_fmt(micro['f1'])}",
        "- study Jaccard: the GPT-based detector prompt of the original study, for reference.",
        "",
    ]
    return "\n".join(lines)
