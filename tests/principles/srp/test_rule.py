"""SRP's procedural transforms on small programs: which pairs of functions can become one,
the exact merged code (shared parameter, clashing locals in blocks, prototypes), what must
not be offered, the evidence confirming the merge as SRP and nothing else, and every merge
built and run in the sandbox printing what its parent prints."""

from __future__ import annotations

import re
from random import Random

from generator.c import paste
from generator.c.facts import analyse
from generator.c.program import Program
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable, rule
from generator.principles.check import check
from generator.principles.srp import edits as srp_edits
from generator.principles.srp import rule as srp
from generator.principles.srp.evidence import check_srp
from tests.principles import sandboxed
from tests.principles.srp import fixtures as fx

RULE = rule(Principle.SRP)
BARE = """#include <stdio.h>

int main(void) {
    printf("hi\\n");
    return 0;
}
"""


def merged(code: str) -> Edit:
    for seed in range(32):
        edit = RULE.procedural(Program(code), Random(seed))
        if isinstance(edit, Edit) and edit.transform == "merge_functions":
            return edit
    raise AssertionError("no seed merges two functions")


def pairs(code: str) -> list[tuple[str, str]]:
    return [(a.name, b.name) for a, b in srp_edits.function_pairs(Program(code))]


def test_targets_and_not_applicable_with_the_reason() -> None:
    assert RULE.targets(Program(fx.SHARED)) == ["print_report"]
    assert pairs(fx.SHARED) == [("read_input", "print_report")]
    made = RULE.procedural(Program(BARE), Random(0))
    assert isinstance(made, NotApplicable) and made.reason == srp.WHY_NOT
    assert "two void helpers" in srp.WHY_NOT


def test_both_transforms_are_drawn_by_seed() -> None:
    drawn = {RULE.procedural(Program(fx.SHARED), Random(s)).transform for s in range(16)}  # type: ignore[union-attr]
    assert drawn == {"merge_helper", "merge_functions"}


def test_two_calls_on_one_pointer_become_one_function_taking_it_once() -> None:
    edit = merged(fx.SHARED)
    assert edit.details == {
        "merged": ["read_input", "print_report"],
        "into": "read_input_and_print_report",
    }
    head, _, tail = fx.SHARED.partition("void read_input(")
    body_a = "void read_input(" + tail.split("\n}\n")[0]
    assert edit.code == (
        head
        + "void read_input_and_print_report(struct Data *d) {\n"
        + body_a.split("{\n", 1)[1]
        + "\n"
        + fx.SHARED.split("void print_report(struct Data *d) {\n")[1].split("\n}\n")[0]
        + "\n}\n\nint main(void) {\n    struct Data d;\n"
        + "    read_input_and_print_report(&d);\n    return 0;\n}\n"
    )
    assert only_srp(fx.SHARED, edit.code)


def test_a_long_merged_signature_is_wrapped_under_its_first_parameter() -> None:
    edit = merged(fx.LONG)
    head = f"void {edit.details['into']}("
    params = "int lowest_temperature, int highest_temperature, int measurement_count, "
    assert len(head + params + "int rejected_count)") > srp_edits.WIDTH
    wrapped = head + params.rstrip() + "\n" + " " * len(head) + "int rejected_count)"
    assert edit.code.count(wrapped) == 1
    assert max(len(line) for line in edit.code.splitlines()) <= srp_edits.WIDTH
    assert only_srp(fx.LONG, edit.code)
    out = sandboxed.printed([fx.LONG, edit.code], ["3 9\n"])
    assert out[edit.code] == out[fx.LONG] == ["range: 3..9, sum 42\ncount: 9 (6 kept)\n"]


def test_clashing_locals_go_in_blocks_and_a_clashing_parameter_is_renamed() -> None:
    edit = merged(fx.CLASH)
    code = edit.code
    assert "void print_squares_and_print_divisors(int n, int divisors_n) {\n    {\n" in code
    assert code.count("        int total = 0;\n") == 2  # each in its own block
    assert "if (divisors_n % i == 0)" in code and "i <= divisors_n;" in code
    assert 'printf("squares up to %d: %d\\n", n, total);' in code  # the first keeps n
    assert "    print_squares_and_print_divisors(a, b);\n    return 0;" in code
    assert not re.search(r"\b(print_squares|print_divisors)\(", code)
    assert only_srp(fx.CLASH, code)


def test_prototypes_become_one_and_a_same_argument_is_passed_once() -> None:
    code = merged(fx.PROTOTYPED).code
    proto = "void show_header_and_show_table(const char *title, int width, int rows)"
    assert code.startswith(f"#include <stdio.h>\n\n{proto};\n\nint main(void)")
    assert '    show_header_and_show_table("table", 12, rows);\n' in code
    assert code.count(proto) == 2 and "void show_header(" not in code
    assert "putchar('\\n');\n    for (int r = 1; r <= rows; r++) {" in code
    assert only_srp(fx.PROTOTYPED, code)


def test_no_merge_where_the_second_call_would_see_other_values_or_a_return_cuts_in() -> None:
    # print_stars(count) read before read_count(&count) has run would print nothing
    assert pairs(fx.UNSTABLE) == []
    # greet returns early: pasted first, its `return` would skip farewell too
    assert pairs(fx.EARLY_RETURN) == []
    # the same through a pointer kept in a variable
    kept = fx.UNSTABLE.replace(
        "    read_count(&count);", "    int *slot = &count;\n    read_count(slot);"
    )
    assert "read_count(slot);\n    print_stars(count);" in kept and pairs(kept) == []
    assert pairs(kept.replace("print_stars(count)", "print_stars(5)")) == [
        ("read_count", "print_stars")
    ]
    for code in (fx.UNSTABLE, fx.EARLY_RETURN):
        made = {RULE.procedural(Program(code), Random(s)).transform for s in range(8)}  # type: ignore[union-attr]
        assert made == {"merge_helper"}


def only_srp(parent: str, variant: str) -> bool:
    ev = check(Program(parent), Program(variant), Principle.SRP)
    others = {p for p in Principle if p != Principle.SRP and ev.metrics[p.value]["confirmed"]}
    return ev.confirmed and not others and not ev.collateral


def test_the_check_sees_two_helpers_become_one_and_not_a_rename_of_one() -> None:
    parent = analyse(fx.SHARED)
    finding = check_srp(parent, analyse(merged(fx.SHARED).code))
    assert finding.details["merged_single_use"] == ["print_report", "read_input"]
    assert finding.details["absorber"] == "read_input_and_print_report"
    renamed = fx.SHARED.replace("print_report", "show_report")
    assert not check_srp(parent, analyse(renamed)).confirmed


def test_another_principles_edit_is_not_confirmed_as_srp() -> None:
    for principle in (Principle.MC, Principle.NAME):
        edit = rule(principle).procedural(Program(fx.SHARED), Random(1))
        assert isinstance(edit, Edit)
        ev = check(Program(fx.SHARED), Program(edit.code), principle)
        assert ev.confirmed and not ev.metrics["SRP"]["confirmed"], ev.metrics["SRP"]


def test_a_parameter_the_helper_assigns_becomes_a_local_copy_in_the_merged_block() -> None:
    program = Program(fx.DIGITS)
    # the LLM's request names a value per parameter, which cannot stand for one it assigns
    assert srp_edits.merge_targets(program) == [] and RULE.targets(program) == []
    assert srp_edits.merge_targets(program, own_locals=True) == ["print_digits"]
    edit = RULE.procedural(program, Random(0))
    assert isinstance(edit, Edit) and edit.transform == "merge_helper"
    assert fx.DIGITS_MERGED in edit.code and "print_digits" not in edit.code
    assert check(Program(fx.DIGITS), Program(edit.code), Principle.SRP).confirmed
    printed = sandboxed.printed([fx.DIGITS, edit.code], fx.DIGITS_INPUTS)
    assert (
        printed[edit.code]
        == printed[fx.DIGITS]
        == ["6 3 (2 of 8)\n12\n5 1 9 (3 of 8)\n305\n", "1 2 (2 of 8)\n7\n"]
    )


def test_no_local_copy_where_it_would_not_mean_the_call() -> None:
    returned = fx.DIGITS.replace("static void print_digits", "static int print_digits")
    returned = returned.replace("count, width);\n}", "count, width);\n    return count;\n}")
    used = returned.replace("print_digits(n * 3, 8);", "int k = print_digits(n * 3, 8);")
    # the block would hide the body's `count` from the line that reads the result
    assert srp_edits.merge_targets(Program(used), own_locals=True) == []
    # a copy of the whole-statement call drops the result, as the call did
    assert srp_edits.merge_targets(Program(returned), own_locals=True) == ["print_digits"]
    # `int number = number + 1;` would read the new, unset `number`
    itself = fx.DIGITS.replace(
        "print_digits(n * 3, 8);", "int number = n;\n        print_digits(number + 1, 8);"
    )
    assert srp_edits.merge_targets(Program(itself), own_locals=True) == []
    # C cannot initialise an array from the pointer the call passes
    array = fx.DIGITS.replace("int number, int width", "int number[], int width")
    array = array.replace("while (number > 0)", "while (number[0] > 0 && width-- > 0)")
    array = array.replace("number % 10", "number[0] % 10").replace("number /= 10", "number++")
    array = array.replace("print_digits(n * 3, 8);", "print_digits(&n, 8);")
    assert paste.modified_parameters(Program(array), "print_digits") == ["number", "width"]
    assert srp_edits.merge_targets(Program(array), own_locals=True) == []


def test_every_merge_builds_and_prints_what_its_parent_prints() -> None:
    parents = [fx.SHARED, fx.CLASH, fx.PROTOTYPED]
    edits = [(p, merged(p)) for p in parents]
    printed = sandboxed.printed(parents + [e.code for _, e in edits], fx.INPUTS)
    for parent, edit in edits:
        assert printed[edit.code] == printed[parent], edit.details
        assert any(out.strip() for out in printed[parent])
