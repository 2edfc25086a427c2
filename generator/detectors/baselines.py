"""Detectors that learn nothing, to read every figure against: flag nothing, flag everything,
a stock linter (clang-tidy's readability checks, lizard's duplicate finder) whose checks
map to the principles as `declean audit` maps them, and declean's own verdicts (the
reviewers' rules, `generator/principles/<name>/verdict.py`), each program judged on its own.
"""

from __future__ import annotations

from generator.detectors.folder import LABELS
from generator.detectors.scoring import Predictions

BASELINES = ("nothing", "everything", "linter", "verdict")


def linter_checks() -> dict[str, str]:
    """One check per principle, the plainest reading of each (the one a teacher would run):
    the first analyser finding its registry entry counts."""
    from generator.principles.base import rules

    return {p.value: r.analysers[0] for p, r in rules().items() if r.analysers}


def nothing(codes: list[str]) -> Predictions:
    return Predictions([() for _ in codes], [dict.fromkeys(LABELS, 0.0) for _ in codes])


def everything(codes: list[str]) -> Predictions:
    return Predictions([LABELS for _ in codes], [dict.fromkeys(LABELS, 1.0) for _ in codes])


def linter(codes: list[str]) -> Predictions:
    """Flag a principle when its check fires; its count (findings, duplicate blocks, functions
    too large) is the score, so ROC AUC can rank programs by it."""
    from generator.independent.cache import code_hash
    from generator.independent.tools import measure
    from generator.independent.verdicts import flags

    figures = measure(codes)
    checks = linter_checks()
    labels: list[tuple[str, ...] | None] = []
    scores: list[dict[str, float]] = []
    for code in codes:
        said = flags(figures[code_hash(code)])
        scores.append({p: float(said[check][1]) for p, check in checks.items()})
        labels.append(tuple(p for p in LABELS if said[checks[p]][0]))
    return Predictions(labels, scores)


def verdict(codes: list[str]) -> Predictions:
    """The verdicts: a label when its rule says a reviewer would comment; severity as score."""
    from generator.principles.base import verdicts

    labels: list[tuple[str, ...] | None] = []
    scores: list[dict[str, float]] = []
    for code in codes:
        said = {p.value: v for p, v in verdicts(code).items()}
        scores.append({p: said[p].severity for p in LABELS})
        labels.append(tuple(p for p in LABELS if said[p].violated))
    return Predictions(labels, scores)


def baseline(name: str, codes: list[str]) -> Predictions:
    kinds = {"nothing": nothing, "everything": everything, "linter": linter, "verdict": verdict}
    return kinds[name](codes)
