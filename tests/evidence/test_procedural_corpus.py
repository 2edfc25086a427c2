"""The procedural editor over the whole corpus: every reference solution, every subset of
the principles, built as the lattice is (each subset from the subset without its last
principle). Each variant must be confirmed by the evidence for its principle, compile in
the sandbox and print the reference's output on every input of its problem; when the
edit has nothing to act on, it says why. One sandbox, the programs run as one batch."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from random import Random

from generator.c.program import Program
from generator.pipeline import lattice
from generator.principles import Principle
from generator.principles.base import NotApplicable, rule
from generator.principles.check import check
from generator.problems import load_problems
from generator.stages.equivalence import compare
from sandbox import SandboxConfig, get_sandbox

ROOT = Path(__file__).resolve().parents[2]
REFERENCES = sorted((ROOT / "problems" / "reference").glob("*.c"))


def _seed(name: str, subset: tuple[Principle, ...]) -> int:
    digest = hashlib.sha256(f"{name}:{'+'.join(subset)}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def _variants(code: str, name: str) -> tuple[dict[tuple[Principle, ...], str], list[str]]:
    made: dict[tuple[Principle, ...], str] = {(): code}
    why: list[str] = []
    for subset in lattice(list(Principle)):
        parent = made.get(subset[:-1])
        if parent is None:
            continue  # its parent was not applicable: recorded there
        principle = subset[-1]
        edit = rule(principle).procedural(Program(parent), Random(_seed(name, subset)))
        if isinstance(edit, NotApplicable):
            assert edit.reason, (name, subset)
            why.append(f"{name} {'+'.join(subset)}: {edit.reason}")
            continue
        ev = check(Program(parent), Program(edit.code), principle)
        assert ev.confirmed, (name, subset, edit.transform, ev.reasons)
        made[subset] = edit.code
    return made, why


def test_every_subset_of_every_reference_builds_runs_and_is_confirmed() -> None:
    problems = {p.id: p for p in load_problems(ROOT / "problems")}
    jobs: list[tuple[str, tuple[Principle, ...], str]] = []
    not_applicable: list[str] = []
    for path in REFERENCES:
        made, why = _variants(path.read_text(), path.stem)
        not_applicable += why
        jobs += [(path.stem, subset, code) for subset, code in made.items()]
    with get_sandbox(SandboxConfig(workers=2)) as sandbox:
        results = sandbox.run_batch([(code, problems[name].inputs) for name, _, code in jobs])
    reference = {
        name: [r.stdout for r in result.runs]
        for (name, subset, _), result in zip(jobs, results, strict=True)
        if not subset
    }
    made = Counter()
    for (name, subset, code), result in zip(jobs, results, strict=True):
        assert result.compiled, (name, subset, result.compile_output[-800:], code)
        outputs = [r.stdout for r in result.runs]
        assert all(r.exit_code == 0 for r in result.runs), (name, subset)
        assert compare(reference[name], outputs).equal, (name, subset, code)
        made[len(subset)] += 1
    # every principle applies somewhere, and most references reach all four labels
    assert made[1] >= 3 * len(REFERENCES) and made[4] >= len(REFERENCES) // 3, made
    assert len(not_applicable) < 2 * len(REFERENCES), not_applicable[:5]
