"""Hand-written parent/variant pairs: each variant's verdict and collateral, all principles."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.c.program import Program
from generator.principles import Principle
from generator.principles.check import check

FIXTURES = Path(__file__).parent / "fixtures"
DRY, SRP, MC, NAME = Principle.DRY, Principle.SRP, Principle.MC, Principle.NAME

# (program, variant file, label, should be confirmed, other principles it also breaks)
CASES: list[tuple[str, str, Principle, bool, set[Principle]]] = [
    ("stats", "mc", MC, True, set()),
    ("stats", "mc_keep_defines", MC, True, set()),  # #defines kept but bypassed
    ("stats", "name", NAME, True, set()),  # a, c, f1, tmp2, doStuff
    ("stats", "name_and_mc", NAME, True, {MC}),  # renamed and inlined the constants
    ("stats", "name_meaningful", NAME, False, set()),  # count -> num_items is still a name
    ("stats", "srp", SRP, True, set()),  # everything in main, no clone created
    ("stats", "srp_merge_two", SRP, True, set()),  # helpers merged into compute_and_print
    ("stats", "srp_split", SRP, False, set()),  # a helper split in two: more functions
    ("matrix", "dry", DRY, True, set()),  # print helper (3 calls) pasted: DRY, not SRP
    ("matrix", "dry_read", DRY, True, set()),  # read helper (2 calls) pasted
    ("matrix", "srp", SRP, True, set()),  # single-use helpers merged, shared ones kept
    ("matrix", "mc", MC, True, set()),
    ("temperature", "dry_pasted", DRY, True, set()),  # one long statement pasted twice
    ("temperature", "dry_unrolled", DRY, True, {MC}),  # loop unrolled with bare bounds
    ("temperature", "mc", MC, True, set()),  # const doubles inlined
    ("temperature", "srp", SRP, True, set()),
    ("words", "mc", MC, True, set()),  # enum states, buffer size and "quit" inlined
    ("words", "mc_enum", MC, True, set()),  # only enum states -> 0/1 (ignored values)
    ("words", "name", NAME, True, set()),
    ("gcd", "name_two", NAME, True, set()),  # small program: 2 of 4 names lost
    ("gcd", "name_one", NAME, False, set()),  # one helper variable renamed tmp
    ("calendar", "dry_expression", DRY, True, set()),  # is_leap written out in 2 conditions
    ("calendar", "dry_kept_helper", DRY, True, set()),  # 1 of 2 calls pasted, helper kept
]


def _code(program: str, name: str) -> str:
    return (FIXTURES / program / f"{name}.c").read_text()


@pytest.mark.parametrize(
    ("program", "variant", "label", "confirmed", "collateral"),
    CASES,
    ids=[f"{c[0]}-{c[1]}" for c in CASES],
)
def test_pair(
    program: str, variant: str, label: Principle, confirmed: bool, collateral: set[Principle]
) -> None:
    ev = check(Program(_code(program, "clean")), Program(_code(program, variant)), label)
    assert ev.checked
    assert ev.confirmed is confirmed, ev.reasons
    assert ev.verdict == ("confirmed" if confirmed else "not_confirmed")
    assert set(ev.collateral) == collateral, ev.reasons
    assert label not in ev.collateral
    assert ev.reasons, "every verdict says why"
    for p in Principle:
        assert ev.metrics[p.value]["confirmed"] is ((p == label and confirmed) or p in collateral)


@pytest.mark.parametrize("variant", ["identical", "reformatted"])
@pytest.mark.parametrize("label", list(Principle))
def test_unchanged_program_breaks_nothing(variant: str, label: Principle) -> None:
    ev = check(Program(_code("stats", "clean")), Program(_code("stats", variant)), label)
    assert not ev.confirmed
    assert ev.collateral == []


def test_parent_values_are_the_baseline() -> None:
    # The clean parent already holds `pass < 2` and, here, a bare 10: neither is news.
    parent = _code("stats", "clean").replace("count == 0", "count == 0 || count > 10")
    assert not check(Program(parent), Program(parent), MC).confirmed
    more_of_the_same = parent.replace("pass < 2", "pass < 2 && pass < 10")
    assert not check(Program(parent), Program(more_of_the_same), MC).confirmed
    new_bound = parent.replace("pass < 2", "pass < 3")
    ev = check(Program(parent), Program(new_bound), MC)
    assert ev.confirmed
    assert ev.metrics["MC"]["details"]["new_unnamed_values"] == ["3"]


def test_output_text_is_not_a_magic_constant() -> None:
    parent = _code("stats", "clean")
    variant = parent.replace('"sum: %d\\n"', '"total of all values: %d\\n"')
    assert variant != parent
    assert not check(Program(parent), Program(variant), MC).confirmed
    compared = parent.replace("count == 0", 'count == 0 || values[0] == "x"[0]')
    assert check(Program(parent), Program(compared), MC).confirmed
