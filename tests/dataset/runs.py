"""The runs the dataset tests split, export and score: made by the real pipeline
(tests/runs.py), each built once a session; every call gives a copy of its own."""

from __future__ import annotations

from pathlib import Path

from generator.principles import Principle
from generator.records import Status
from generator.store import Store
from tests.runs import Root, Spec, careless_model, copy

# Six problems, the whole lattice of the four principles from each reference: every label
# set, clean negatives, edits the verdict sees nothing of (`unseen`) and their heirs
# (`parent_rejected`), a root that does not compile (`temperature-table/c1`, a NO_COMPILE
# row), a root given twice (`vector-ops/c1`, a duplicate), and, grafted from a run of the
# LLM editor, an MC variant that does not compile after the fix loop
# (`roman-numerals/c0+MC`, a NO_COMPILE row too).
SMALL = Spec(
    "dataset-small",
    roots=(
        Root("temperature-table"),
        Root("temperature-table", "broken"),
        Root("vector-ops"),
        Root("vector-ops", "copy"),
        Root("traffic-light"),
        Root("pascal-triangle"),
        Root("towers-of-hanoi"),
    ),
    grafted=(
        Spec(
            "careless-llm",
            roots=(Root("roman-numerals"),),
            principles="MC",
            editor="llm",
            model=careless_model,
            # One whole-program request (no targeted pieces) and one fix round, whose
            # answer is the same program: the loop stops there. No retry of a request the
            # script does not expect: such a bug shows at once.
            settings=(("targets", False), ("max_fixes", 1), ("max_retries", 0)),
        ),
    ),
)

# Fourteen problems, one chain each in a random principle order (`combinations = chain`,
# `order = random`): the first principle of a chain is on every step after it, the last on
# one, and SRP applies to a few problems only, so each label is concentrated in a few
# problems and a random split of the problems goes wrong. `binary-search` also has a root
# that does not compile.
SKEWED = Spec(
    "dataset-skewed",
    roots=(
        *(
            Root(pid)
            for pid in (
                "binary-search",
                "bracket-checker",
                "coin-change",
                "duration-format",
                "letter-histogram",
                "palindrome-checker",
                "pascal-triangle",
                "permutations",
                "roman-numerals",
                "temperature-table",
                "tic-tac-toe-judge",
                "towers-of-hanoi",
                "traffic-light",
                "vector-ops",
            )
        ),
        Root("binary-search", "broken"),
    ),
    combinations="chain",
    order="random",
)


def small_run(run_dir: Path) -> Path:
    return copy(SMALL, run_dir)


def skewed_run(run_dir: Path) -> Path:
    return copy(SKEWED, run_dir)


def labelled(store: Store, *labels: Principle) -> list[str]:
    """The accepted samples whose labels are exactly `labels` (none: the clean ones), by id."""
    return sorted(s.id for s in store.samples(status=Status.ACCEPTED) if s.labels == list(labels))
