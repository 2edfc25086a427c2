"""Each principle module on fixtures: its targets, why not, its procedural edit, and the
evidence confirming its own edit and no other principle."""

from __future__ import annotations

import importlib
from random import Random

import pytest

from generator.c.program import Program
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable, rule, rules
from generator.principles.check import check

REPORT = """#include <stdio.h>

#define ITEMS 3
#define RATE 0.25
const double HALF = 2;

void print_line(const char *label, double amount) {
    double shown = amount;
    if (shown < 0) {
        shown = -shown;
        printf("%s: -%.2f\\n", label, shown);
    } else {
        printf("%s: %.2f\\n", label, shown);
    }
}

double read_prices(double prices[], int capacity) {
    double total = 0;
    int count = 0;
    while (count < capacity && scanf("%lf", &prices[count]) == 1) {
        total += prices[count];
        count++;
    }
    return total;
}

int main(void) {
    double prices[ITEMS];
    double total = read_prices(prices, ITEMS);
    for (int index = 0; index < ITEMS; index++) {
        double price = prices[index];
        printf("item %d costs %.2f and with tax %.2f\\n", index + 1, price, price * (1 + RATE));
    }
    print_line("total", total);
    print_line("tax", total * RATE);
    print_line("half", total / HALF);
    return 0;
}
"""

BARE = """#include <stdio.h>
int main(void) {
    int x = 0;
    printf("%d\\n", x);
    return 0;
}
"""


def edit(principle: Principle, code: str = REPORT, seed: int = 0) -> Edit:
    made = rule(principle).procedural(Program(code), Random(seed))
    assert isinstance(made, Edit), made
    return made


def confirmed_by(parent: str, variant: str) -> set[Principle]:
    ev = check(Program(parent), Program(variant), Principle.DRY)
    return {p for p in Principle if ev.metrics[p.value]["confirmed"]}


def test_every_principle_has_a_module() -> None:
    assert set(rules()) == set(Principle)
    for p, r in rules().items():
        assert r.principle == p and r.why_not


@pytest.mark.parametrize("principle", list(Principle))
@pytest.mark.parametrize("seed", range(4))
def test_each_procedural_edit_is_its_principle_alone(principle: Principle, seed: int) -> None:
    made = edit(principle, seed=seed)
    assert made.code != REPORT
    assert confirmed_by(REPORT, made.code) == {principle}, (made.transform, made.details)


@pytest.mark.parametrize("principle", list(Principle))
def test_nothing_to_act_on_is_not_applicable_with_a_reason(principle: Principle) -> None:
    made = rule(principle).procedural(Program(BARE), Random(0))
    # the procedural editor's reason; DRY's names its own, wider set of edits
    module = importlib.import_module(f"generator.principles.{principle.value.lower()}.rule")
    expected = getattr(module, "WHY_NOT", rule(principle).why_not)
    assert isinstance(made, NotApplicable) and made.reason == expected
    assert rule(principle).targets(Program(BARE)) == []


def test_same_seed_same_edit_other_seeds_other_edits() -> None:
    for p in Principle:
        assert edit(p, seed=5).code == edit(p, seed=5).code
    assert len({edit(Principle.NAME, seed=s).code for s in range(6)}) > 1
    assert len({edit(Principle.MC, seed=s).code for s in range(6)}) > 1


def test_mc_inlines_a_subset_and_keeps_floating_values_floating() -> None:
    assert rule(Principle.MC).targets(Program(REPORT)) == ["ITEMS", "RATE", "HALF"]
    seen = set()
    for seed in range(16):
        made = edit(Principle.MC, seed=seed)
        if made.transform != "inline_constants":
            continue  # ITEMS as an array size also offers literal_length (tests/principles)
        assert made.details["inlined"]
        inlined = made.details["inlined"]
        seen.add(tuple(inlined))
        for name in inlined:
            assert name not in made.code  # every use inlined, the definition dropped
        if "HALF" in inlined:
            assert "total / 2.0" in made.code  # not integer division
    assert len(seen) > 2


def test_name_renames_at_least_two_meaningful_names_to_vague_fresh_ones() -> None:
    targets = rule(Principle.NAME).targets(Program(REPORT))
    assert targets[:2] == ["print_line", "read_prices"]  # functions first
    assert "main" not in targets and "ITEMS" not in targets and "index" in targets
    names = set()
    for seed in range(10):
        made = edit(Principle.NAME, seed=seed)
        renamed = made.details["renamed"]
        assert len(renamed) >= 2 and set(renamed) <= set(targets)
        assert not set(renamed.values()) & Program(REPORT).words  # nothing captured
        names |= set(renamed.values())
    assert len(names) >= 10  # drawn from a vocabulary, not a handful


def test_dry_pastes_the_helper_called_from_several_places_or_unrolls_the_loop() -> None:
    made = {}
    for seed in range(12):
        e = edit(Principle.DRY, seed=seed)
        made.setdefault(e.transform, e)
    # the counted loop in main can also have its first pass written out (peel_loop)
    assert set(made) == {"paste_helper", "copy_modify", "unroll_loop", "peel_loop"}
    pasted = made["paste_helper"]
    assert "print_line" not in pasted.code and pasted.code.count('printf("%s: -%.2f') == 3
    unrolled = made["unroll_loop"]
    assert "for (int index" not in unrolled.code and unrolled.code.count("index++;") == 2
    copied = made["copy_modify"]
    assert copied.details["copied"] == "print_line" and "void print_line2(" in copied.code
    assert copied.code.count("print_line2(") == 2  # the copy, and the one caller it serves


def test_srp_merges_the_single_use_helper_into_its_caller() -> None:
    made = edit(Principle.SRP)
    assert made.transform == "merge_helper" and made.details["merged"] == "read_prices"
    assert "read_prices" not in made.code and "scanf" in made.code


KIND = {
    Principle.DRY: "helpers",
    Principle.SRP: "helpers",
    Principle.MC: "inlined_values",
    Principle.NAME: "vague_names",
}


@pytest.mark.parametrize("principle", list(Principle))
def test_each_module_says_what_its_edit_touched(principle: Principle) -> None:
    """The diversity figures read what a step touched through its module: the names,
    values or helpers its edit introduced, from the evidence of that edit."""
    made = edit(principle)
    details = check(Program(REPORT), Program(made.code), principle).metrics[principle.value][
        "details"
    ]
    touched = rule(principle).touched(details, made.transform)
    assert set(touched) == {KIND[principle]} and touched[KIND[principle]], (made.details, details)
    if principle == Principle.NAME:
        assert touched["vague_names"] <= set(made.details["renamed"].values())
    if principle == Principle.MC:
        assert touched["inlined_values"] & set(made.details["inlined"].values())
