"""Detectors that learn nothing, to read every figure against: flag nothing, flag everything,
and a stock linter (clang-tidy's readability checks, lizard's duplicate finder) whose checks
map to the principles as `declean audit` maps them, each program judged on its own.
"""

from __future__ import annotations

from generator.detectors.folder import LABELS
from generator.detectors.scoring import Predictions

BASELINES = ("nothing", "everything", "linter")
# One check per principle, the plainest reading of each: the one a teacher would run.
LINTER = {
    "DRY": "lizard duplicates",
    "SRP": "clang-tidy readability-function-size",
    "MC": "clang-tidy readability-magic-numbers",
    "NAME": "clang-tidy readability-identifier-length",
}


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
    labels: list[tuple[str, ...] | None] = []
    scores: list[dict[str, float]] = []
    for code in codes:
        said = flags(figures[code_hash(code)])
        scores.append({p: float(said[check][1]) for p, check in LINTER.items()})
        labels.append(tuple(p for p in LABELS if said[LINTER[p]][0]))
    return Predictions(labels, scores)


def baseline(name: str, codes: list[str]) -> Predictions:
    return {"nothing": nothing, "everything": everything, "linter": linter}[name](codes)
