"""Every reference program, rewritten mechanically one principle at a time.

Each rewrite changes exactly one thing, so the evidence must confirm that principle (or
nothing, for the neutral rewrites) and no other: this is the collateral guard at scale.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.c.facts import analyse
from generator.c.program import Program
from generator.principles import Principle
from generator.principles.check import check
from tests.evidence import rewrites

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = sorted((ROOT / "problems" / "reference").glob("*.c")) + sorted(
    (Path(__file__).parent / "fixtures").glob("*/clean.c")
)
IDS = [f"{p.parent.name}/{p.stem}" for p in PROGRAMS]


def _confirmed(parent: str, variant: str) -> set[Principle]:
    ev = check(Program(parent), Program(variant), Principle.DRY)
    return {p for p in Principle if ev.metrics[p.value]["confirmed"]}


@pytest.mark.parametrize("path", PROGRAMS, ids=IDS)
def test_single_principle_rewrites(path: Path) -> None:
    code = path.read_text()
    assert _confirmed(code, rewrites.vague_names(code)) == {Principle.NAME}
    assert _confirmed(code, rewrites.longer_names(code)) == set()
    assert _confirmed(code, rewrites.reformat(code)) == set()
    inlined = rewrites.inline_defines(code)
    assert _confirmed(code, inlined) == ({Principle.MC} if inlined != code else set())


@pytest.mark.parametrize("path", PROGRAMS, ids=IDS)
def test_inlining_a_helper_is_dry_or_srp_by_its_call_sites(path: Path) -> None:
    code = path.read_text()
    for name, calls in rewrites.void_helpers(code).items():
        variant = rewrites.inline_helper(code, name)
        if analyse(variant).parse_errors:
            continue  # a limit of the test's rewriter (odd parameter syntax), not of the check
        found = _confirmed(code, variant)
        if calls > 1:
            assert found == {Principle.DRY}, (name, calls)
        else:
            # A one-line helper merged into its caller adds no job worth counting.
            assert found <= {Principle.SRP}, (name, calls)


def test_single_use_helpers_merged_are_mostly_srp() -> None:
    merged = confirmed = 0
    for path in PROGRAMS:
        code = path.read_text()
        for name, calls in rewrites.void_helpers(code).items():
            if calls == 1:
                merged += 1
                confirmed += Principle.SRP in _confirmed(code, rewrites.inline_helper(code, name))
    assert merged >= 5
    assert confirmed >= 0.9 * merged, f"{confirmed}/{merged}"
