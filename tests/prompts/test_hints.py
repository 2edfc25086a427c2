"""`targets`: the names a de-clean prompt points at, read from real corpus programs."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.c.facts import analyse
from generator.c.paste import bindings, call_sites, helper_text, paste_sites
from generator.c.pieces import identifiers
from generator.c.program import Program
from generator.c.words import is_meaningful
from generator.principles import Principle
from generator.principles.base import MAX_NAMES, inapplicable, joined, targets
from generator.principles.mc import rule as mc_rule
from generator.principles.name import rule as name_rule
from generator.prompts import load_template

PASTED = {Principle.DRY, Principle.SRP}  # their targeted request pastes one call line

REFERENCE = sorted((Path(__file__).resolve().parents[2] / "problems" / "reference").glob("*.c"))


def test_each_principle_names_what_its_edit_needs() -> None:
    code = (
        Path(__file__).resolve().parents[2] / "problems/reference/temperature-table.c"
    ).read_text()
    mc = targets("MC", code)
    assert mc == [
        "MAX_ROWS",
        "FAHRENHEIT_SCALE",
        "FAHRENHEIT_OFFSET",
        "KELVIN_OFFSET",
        "FREEZING_POINT",
        "BOILING_POINT",
    ]
    assert joined(mc).endswith(", FREEZING_POINT and BOILING_POINT")  # only in the prompt
    # its one single-use helper returns early: its body does not paste as statements
    assert targets("SRP", code) == []
    assert "celsius" in targets("NAME", code)
    assert "MAX_ROWS" not in targets("NAME", code)


@pytest.mark.parametrize("path", REFERENCE, ids=lambda p: p.stem)
def test_targets_exist_in_the_program(path: Path) -> None:
    code = path.read_text()
    facts = analyse(code)
    funcs = {f.name for f in facts.functions} - {"main"}
    for n in targets("MC", code):
        assert n in facts.constants and facts.uses(n) > 0
    dry = targets("DRY", code)
    assert len(dry) <= 1 and set(dry) <= funcs
    assert set(targets("SRP", code)) <= funcs
    name = targets("NAME", code)
    assert len(name) <= MAX_NAMES
    assert all(is_meaningful(n) and n in facts.declared and not n.isupper() for n in name)


TWICE = """#include <stdio.h>
#define WIDTH 6
static void print_row(const char *label, int value) {
    printf("%-8s", label);
    printf("%*d |", WIDTH, value);
    printf("%*d\\n", WIDTH, value * value);
}
static int doubled(int v) { return 2 * v; }
static int total(int n) {
    int sum = 0;
    for (int i = 1; i <= n; i++) {
        sum += i;
    }
    return sum;
}
int main(void) {
    print_row("one", doubled(1));
    print_row("two", total(2));
    return 0;
}
"""


def test_dry_needs_a_helper_called_from_two_places() -> None:
    assert targets("DRY", TWICE) == ["print_row"] and inapplicable("DRY", TWICE) is None
    once = TWICE.replace('    print_row("two", total(2));\n', "")
    assert targets("DRY", once) == []
    assert "called from two places" in (inapplicable("DRY", once) or "")
    assert inapplicable("MC", once) is None
    short = TWICE.replace('    printf("%-8s", label);\n', "").replace(
        '    printf("%*d |", WIDTH, value);\n', ""
    )
    assert targets("DRY", short) == []  # one short statement: its pasted copies are no clone
    recursive = TWICE.replace(
        'printf("%-8s", label);', "if (value > 9) print_row(label, value / 10);"
    )
    assert targets("DRY", recursive) == []  # cannot be pasted
    early = TWICE.replace('printf("%-8s", label);', "if (value < 0) return;")
    assert targets("DRY", early) == []  # an early return does not paste as statements
    in_conditions = TWICE.replace(
        '    print_row("one", doubled(1));\n    print_row("two", total(2));\n',
        '    if (total(1)) print_row("one", 1);\n    while (!total(0)) print_row("two", 2);\n',
    )
    assert targets("DRY", in_conditions) == []  # no whole-statement call line to replace
    # one whole-statement call beside one in a condition: the pasted copy repeats the body
    # of the helper that stays for the other call
    # (with a plain value, so that the copy has the body's tokens)
    one_kept = TWICE.replace(
        '    print_row("two", total(2));\n', '    if (total(2) > 1) print_row("two", 2);\n'
    )
    assert targets("DRY", one_kept) == []  # doubled(1) where the body says value
    one_kept = one_kept.replace("doubled(1)", "1")
    assert targets("DRY", one_kept) == ["print_row"]
    assert paste_sites(Program(one_kept), "print_row") == ['print_row("one", 1);']


CALENDAR = (Path(__file__).resolve().parents[1] / "evidence/fixtures/calendar/clean.c").read_text()


def test_dry_pastes_an_expression_helper_in_conditions_too() -> None:
    whole = ['printf("%d is %s\\n", year, is_leap(year) ? "leap" : "common");']
    calendar = Program(CALENDAR)
    assert paste_sites(calendar, "is_leap") == whole
    assert paste_sites(calendar, "is_leap", expressions=True) == [
        "if (month == FEBRUARY && is_leap(year)) {",
        *whole,
    ]
    # one printf of 13 tokens is long enough to make clones; a 9-token one (WIDTH) is not
    assert targets("DRY", CALENDAR) in (["is_leap"], ["print_euros"])
    assert inapplicable("DRY", CALENDAR) is None


def test_nothing_to_inline_or_merge() -> None:
    bare = "int main(void) {\n    return 0;\n}\n"
    assert "merging one would not" in (inapplicable("SRP", bare) or "")
    assert "merging one would not" in (inapplicable("SRP", TWICE.replace("total(2)", "2")) or "")
    assert "nothing to inline" in (inapplicable("MC", bare) or "")


def test_call_sites_are_calls_only() -> None:
    code = """#include <stdio.h>
static int twice(int v);
static int twice(int v)
{
    return 2 * v;
}
static int quad(int v) { return twice(twice(v)); }
int main(void) {
    int a = twice(1); /* twice(0) would be 0 */
    printf("%d\\n", twice(a));
    if (a) twice(a); else twice(0);
    return quad(0);
}
"""
    assert call_sites(Program(code), "twice") == [
        "static int quad(int v) { return twice(twice(v)); }",
        "int a = twice(1); /* twice(0) would be 0 */",
        'printf("%d\\n", twice(a));',
        "if (a) twice(a); else twice(0);",
    ]


@pytest.mark.parametrize("principle", list(Principle))
def test_targeted_templates_render_with_their_values(principle: Principle) -> None:
    tpl = load_template(f"targeted/{principle.prompt_name}")
    found = targets(principle, TWICE)
    assert found
    if principle in PASTED:  # one request per call line: the helper, the line, the bindings
        name = found[0]
        twice = Program(TWICE)
        line = paste_sites(twice, name)[-1]
        per_line = {"helper": helper_text(twice, name), "bindings": bindings(twice, name, line)}
        assert tpl.placeholders <= {"targets", *per_line}
        last = tpl.render(targets=name, **per_line)[-1]["content"]
        assert f"```c\n{per_line['helper']}\n```" in last and f"{per_line['bindings']}." in last
        if principle == Principle.DRY:
            assert per_line["bindings"] == '"two" in place of label and total(2) in place of value'
        else:
            assert name == "total" and per_line["bindings"] == "2 in place of n"
        return
    # MC and NAME: one request per top-level piece, with the edits that piece needs
    inline = principle == Principle.MC
    module = mc_rule if inline else name_rule
    edits = mc_rule.edit_map(Program(TWICE)) if inline else name_rule.rename_map(Program(TWICE))
    assert edits == ({"WIDTH": "6"} if inline else name_rule.rename_map(Program(TWICE)))
    placeholder = "replacements" if inline else "renames"
    assert tpl.placeholders == {"code", placeholder}
    piece = helper_text(Program(TWICE), "print_row")
    mine = {k: v for k, v in edits.items() if k in identifiers(Program(piece))}
    last = tpl.render(code=piece, **{placeholder: module.phrase(mine)})[-1]["content"]
    assert f"```c\n{piece}\n```" in last
    assert ("WIDTH by 6" if inline else "rename `print_row` to `f1` and `label` to ") in last


def test_rename_map_gives_each_name_its_own_unused_short_name() -> None:
    renames = name_rule.rename_map(Program(TWICE))
    assert renames["print_row"].startswith("f") and renames["total"].startswith("f")
    assert len(set(renames.values())) == len(renames)  # no two names merged into one
    assert not set(renames.values()) & (analyse(TWICE).declared | set(analyse(TWICE).idents))
    assert next(iter(renames)) == "print_row"  # functions first
