"""Parse once, for real: the procedural editors, and the in-process gates after them, read
the trees of the `Program`s they are handed instead of parsing text again, so nothing
relies on `syntax.parse`'s cache. With the cache off, every edit costs a small, bounded
number of parses and is the very edit it is with the cache on.

Every parse goes through `generator.c.syntax.parse`, looked up at call time (`Program.tree`,
`syntax.root` for snippets, `facts.analyse`), so swapping it for the uncached function
counts them all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from random import Random

import pytest
from tree_sitter import Tree

from generator.c import syntax
from generator.c.edit import Edit
from generator.c.marks import mark
from generator.c.program import Program
from generator.principles import Principle
from generator.principles.base import NotApplicable, rule
from generator.principles.check import check
from generator.stages.declean import sighted

REFERENCES = Path(__file__).resolve().parents[2] / "problems/reference"
# Each principle's most parse-hungry reference, measured over all 57 with 8 seeds each.
HUNGRIEST = {
    Principle.DRY: "polynomial-ops.c",
    Principle.SRP: "grade-stats.c",
    Principle.MC: "number-to-words.c",
    Principle.NAME: "anagram-groups.c",
}
SEEDS = range(4)
# The most parses one procedural edit took with the cache off, over every reference and 8
# seeds (before programs were handed on: DRY 211, SRP 106, MC 29, NAME 1):
# - 1, the parent: targets, facts, the checks of every candidate all read its one tree;
# - 1 for each candidate program the editor makes and must check: DRY and SRP a paste per
#   helper (and each program pasted so far, when the next call line's scope is read), each
#   copied tail, peeled loop or split condition; MC each constant inlined or folded and
#   each removal round after it (and `int x = <value>;` for each folded value);
# - for a paste, small snippets: the call line, its statements, what precedes the return,
#   at most MAX_CALLS lines a helper (DRY's worst: 18 programs and 47 snippets).
# NAME checks nothing in its editor: the parent alone.
BOUND = {Principle.DRY: 65, Principle.SRP: 27, Principle.MC: 15, Principle.NAME: 1}


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`syntax.parse` without its cache: each call a real parse, its text listed."""
    raw: Callable[[str], Tree] = syntax.parse.__wrapped__  # type: ignore[attr-defined]
    texts: list[str] = []

    def parse(code: str) -> Tree:
        texts.append(code)
        return raw(code)

    monkeypatch.setattr(syntax, "parse", parse)
    return texts


def outcomes(principle: Principle) -> dict[int, Edit | NotApplicable]:
    code = (REFERENCES / HUNGRIEST[principle]).read_text()
    return {seed: rule(principle).procedural(Program(code), Random(seed)) for seed in SEEDS}


@pytest.mark.parametrize("principle", list(Principle))
def test_an_edit_parses_its_parent_once_and_a_bounded_number_of_texts(
    principle: Principle, parsed: list[str]
) -> None:
    """A fresh parent each seed, so each edit pays for its parent's parse: once."""
    code = (REFERENCES / HUNGRIEST[principle]).read_text()
    for seed in SEEDS:
        start = len(parsed)
        made = rule(principle).procedural(Program(code), Random(seed))
        assert isinstance(made, Edit), made
        texts = parsed[start:]
        assert texts.count(code) == 1, "the parent's one tree serves the whole edit"
        assert len(texts) <= BOUND[principle], (seed, len(texts))


@pytest.mark.parametrize("principle", list(Principle))
def test_the_gates_read_the_tree_the_editor_parsed(principle: Principle, parsed: list[str]) -> None:
    """After the edit, declean's in-process gates (the mark, the reviewer's verdict, the
    evidence) parse nothing but the variant, and that only when the editor did not read
    it (NAME's rename is not checked in its editor): the `Edit` carries its `Program`."""
    code = (REFERENCES / HUNGRIEST[principle]).read_text()
    parent = Program(code)  # shared by every seed, as declean's Job holds it
    sight = sighted(principle, parent)
    for seed in SEEDS:
        start = len(parsed)
        made = rule(principle).procedural(parent, Random(seed))
        assert isinstance(made, Edit), made
        read = made.code in parsed[start:]
        start = len(parsed)
        mark(parent, made.program)
        sight(made.program)
        check(parent, made.program, principle)
        assert parsed[start:] == ([] if read else [made.code]), seed
    assert parsed.count(code) == 1


@pytest.mark.parametrize("principle", list(Principle))
def test_the_same_edits_with_the_cache_off(principle: Principle) -> None:
    """Equal edits: the same program text, transform, details and repairs."""
    cached = outcomes(principle)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(syntax, "parse", syntax.parse.__wrapped__)  # type: ignore[attr-defined]
        assert outcomes(principle) == cached
