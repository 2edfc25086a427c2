"""`targets`: the names a de-clean prompt points at, read from real corpus programs."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.evidence.facts import analyse
from generator.evidence.words import is_meaningful
from generator.hints import MAX_NAMES, inapplicable, targets

REFERENCE = sorted((Path(__file__).resolve().parents[2] / "problems" / "reference").glob("*.c"))


def names(hint: str) -> list[str]:
    return hint.replace(" and ", ", ").split(", ") if hint else []


def test_each_principle_names_what_its_edit_needs() -> None:
    code = (
        Path(__file__).resolve().parents[2] / "problems/reference/temperature-table.c"
    ).read_text()
    assert targets("MC", code) == (
        "MAX_ROWS, FAHRENHEIT_SCALE, FAHRENHEIT_OFFSET, KELVIN_OFFSET, FREEZING_POINT "
        "and BOILING_POINT"
    )
    assert set(names(targets("SRP", code))) == {
        "to_fahrenheit",
        "to_kelvin",
        "water_state",
        "row_count",
    }
    assert "celsius" in names(targets("NAME", code))
    assert "MAX_ROWS" not in names(targets("NAME", code))


@pytest.mark.parametrize("path", REFERENCE, ids=lambda p: p.stem)
def test_targets_exist_in_the_program(path: Path) -> None:
    code = path.read_text()
    facts = analyse(code)
    funcs = {f.name for f in facts.functions} - {"main"}
    for n in names(targets("MC", code)):
        assert n in facts.constants and facts.uses(n) > 0
    dry = names(targets("DRY", code))
    assert len(dry) <= 1 and set(dry) <= funcs
    assert set(names(targets("SRP", code))) <= funcs
    name = names(targets("NAME", code))
    assert len(name) <= MAX_NAMES
    assert all(is_meaningful(n) and n in facts.declared and not n.isupper() for n in name)


TWICE = """#include <stdio.h>
#define WIDTH 6
static void print_row(const char *label, int value) { printf("%-8s%*d\\n", label, WIDTH, value); }
static int doubled(int v) { return 2 * v; }
int main(void) {
    print_row("one", doubled(1));
    print_row("two", 2);
    return 0;
}
"""


def test_dry_needs_a_helper_called_from_two_places() -> None:
    assert targets("DRY", TWICE) == "print_row" and inapplicable("DRY", TWICE) is None
    once = TWICE.replace('    print_row("two", 2);\n', "")
    assert targets("DRY", once) == ""
    assert "called from two places" in (inapplicable("DRY", once) or "")
    assert inapplicable("SRP", once) is None and inapplicable("MC", once) is None


def test_nothing_to_inline_or_merge() -> None:
    bare = "int main(void) {\n    return 0;\n}\n"
    assert "nothing to merge" in (inapplicable("SRP", bare) or "")
    assert "nothing to inline" in (inapplicable("MC", bare) or "")
