"""DRY's copies inside one function (`duplicate_tail`, `peel_loop`) on small fixtures:
where they apply and why not, each one's exact output, the evidence confirming it as DRY
and as nothing else (MC, NAME, SRP silent), and every copy built and run in the sandbox,
printing what its parent printed."""

from __future__ import annotations

from random import Random

import pytest

from generator.c.program import Program
from generator.c.syntax import text
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable
from generator.principles.check import check
from generator.principles.dry import copies
from generator.principles.dry.rule import RULE, WHY_NOT, offers
from generator.stages.equivalence import compare
from sandbox import SandboxConfig, get_sandbox
from tests.principles.srp import fixtures as fixtures_srp

TAIL = """#include <stdio.h>

static void describe(int score, int total)
{
    const char *grade = "fail";
    if (score >= total / 2) {
        grade = "pass";
    } else if (score > 0) {
        grade = "retry";
    }
    int percent = score * 100 / total;
    printf("%s: %d of %d (%d%%)\\n", grade, score, total, percent);
    printf("missing %d points\\n", total - score);
}

static int clamp(int value, int low, int high)
{
    int shown = value;
    if (value < low)
        shown = low;
    printf("value %d shown as %d between %d and %d\\n", value, shown, low, high);
    return shown;
}

int main(void)
{
    int score = 0;
    int total = 0;
    while (scanf("%d %d", &score, &total) == 2 && total > 0) {
        describe(score, total);
        clamp(score, 0, total);
    }
    return 0;
}
"""

LOOPS = """#include <stdio.h>

#define MAX_VALUES 50

static int largest(const int values[], int count)
{
    int best = values[0];
    for (int i = 0; i < count; i++) {
        if (values[i] > best) {
            best = values[i];
        }
    }
    return best;
}

static int first_negative(const int values[], int count)
{
    int at = 0;
    while (at < count && values[at] >= 0) {
        printf("value %d: %d is not negative\\n", at, values[at]);
        at++;
    }
    return at;
}

static int countdown(int from, int steps)
{
    int left = from;
    do {
        printf("left %d of %d after %d steps, %d to go\\n", left, from, from - left, left - steps);
        left--;
    } while (left > from - steps);
    return left;
}

int main(void)
{
    int values[MAX_VALUES];
    int count = 0;
    while (count < MAX_VALUES && scanf("%d", &values[count]) == 1) {
        count++;
    }
    if (count == 0) {
        printf("no values\\n");
        return 0;
    }
    printf("largest %d\\n", largest(values, count));
    printf("first negative at %d\\n", first_negative(values, count));
    countdown(count, 2);
    return 0;
}
"""

NESTED = """#include <stdio.h>

static int weigh(int rows, int cols)
{
    int total = 0;
    if (rows > 0)
        for (int r = 0; r < rows; r++) {
            total += r * cols + (r % 2 == 0 ? cols : -cols) + total / (cols + 1);
        }
    for (int c = 0; c < cols; c++) {
        total -= c * rows + (c % 2 == 0 ? rows : -rows) + total / (rows + 1);
    }
    int c = total % 7;
    return total + c;
}

int main(void)
{
    int rows = 0;
    int cols = 0;
    while (scanf("%d %d", &rows, &cols) == 2) {
        printf("%d\\n", weigh(rows, cols));
    }
    return 0;
}
"""

NOTHING = """#include <stdio.h>

static int report(int value, int limit)
{
    if (value > limit) {
        printf("value %d is over the limit %d\\n", value, limit);
        return 1;
    }
    static int calls = 0;
    calls++;
    printf("value %d is within the limit %d, call %d\\n", value, limit, calls);
    return 0;
}

static void show(int kind, int value)
{
    int shown = value;
    if (kind == 1) {
        int value = 0;
        shown = value;
    }
    printf("kind %d value %d shown %d and twice %d\\n", kind, value, shown, shown * 2);
    switch (kind) {
    case 2:
        if (value > 0) {
            shown = -value;
        }
        printf("kind %d value %d shown %d and twice %d\\n", kind, value, shown, shown * 2);
        break;
    default:
        break;
    }
}

int main(void)
{
    int value = 0;
    while (scanf("%d", &value) == 1) {
        if (value < 0) {
            break;
        }
        printf("read %d, its square %d and its half %d\\n", value, value * value, value / 2);
        report(value, 10);
        show(value % 3, value);
    }
    return 0;
}
"""

SPLIT = """#include <stdio.h>

static int vowels(const char *word)
{
    int count = 0;
    for (int i = 0; word[i] != '\\0'; i++) {
        char c = word[i];
        if (c == 'a' || c == 'e' || c == 'o') {
            count++;
            printf("vowel %c at %d of %s\\n", c, i, word);
        } else if (c == 'z')
            printf("z at %d of %s, the last letter of the alphabet\\n", i, word);
    }
    return count;
}

int main(void)
{
    char word[32];
    while (scanf("%31s", word) == 1) {
        printf("%d\\n", vowels(word));
    }
    return 0;
}
"""

INPUTS = {
    "TAIL": ["7 10\n0 10\n3 10\n-2 10\n", "10 10\n", "5 4\n"],
    "LOOPS": ["3 9 -4 2\n", "5\n", "-1 -2\n", ""],
    "NESTED": ["3 4\n0 5\n2 0\n", "1 1\n"],
    "SPLIT": ["banana zoo eel\n", "xyz\n", "aeiou\n"],
}


def tails(code: str) -> list[Edit]:
    return [copies.duplicate_tail(code, t) for t in copies.tails(Program(code).root)]


def peels(code: str) -> list[Edit]:
    return [copies.peel_loop(code, loop) for loop in copies.loops(Program(code).root)]


def splits(code: str) -> list[Edit]:
    return [copies.split_condition(code, n) for n in copies.either_ifs(Program(code).root)]


def only_dry(parent: str, variant: str) -> bool:
    ev = check(Program(parent), Program(variant), Principle.DRY)
    fired = {p for p in Principle if ev.metrics[p.value]["confirmed"]}
    return ev.confirmed and not ev.collateral and fired == {Principle.DRY}


def swapped(code: str, old: str, new: str) -> str:
    assert code.count(old) == 1, old
    return code.replace(old, new)


# describe's if and the statements after it, as TAIL spells them
DESCRIBE_TAIL = TAIL[TAIL.index("    if (score") : TAIL.index("}\n", TAIL.index("missing"))]


def test_the_rest_of_the_block_goes_into_every_branch_and_a_new_else() -> None:
    made = tails(TAIL)[0]
    assert made.transform == "duplicate_tail"
    assert made.details == {"statements": 3, "branches": 3}
    copy = """        int percent = score * 100 / total;
        printf("%s: %d of %d (%d%%)\\n", grade, score, total, percent);
        printf("missing %d points\\n", total - score);
"""
    expected = (
        "    if (score >= total / 2) {\n"
        '        grade = "pass";\n' + copy + "    } else if (score > 0) {\n"
        '        grade = "retry";\n' + copy + "    } else {\n" + copy + "    }\n"
    )
    assert made.code == swapped(TAIL, DESCRIBE_TAIL, expected)
    assert only_dry(TAIL, made.code)


def test_a_shorter_run_is_copied_when_what_follows_does_not_need_its_declarations() -> None:
    found = copies.tails(Program(TAIL).root)
    first = [len(t.run) for t in found if text(t.branch).startswith("if (score")]
    # three statements, then two; one alone would leave `percent` undeclared for the printf
    assert first == [3, 2]
    made = tails(TAIL)[1]
    copy = """        int percent = score * 100 / total;
        printf("%s: %d of %d (%d%%)\\n", grade, score, total, percent);
"""
    expected = (
        "    if (score >= total / 2) {\n"
        '        grade = "pass";\n' + copy + "    } else if (score > 0) {\n"
        '        grade = "retry";\n' + copy + "    } else {\n" + copy + "    }\n"
        '    printf("missing %d points\\n", total - score);\n'
    )
    assert made.code == swapped(TAIL, DESCRIBE_TAIL, expected)
    assert only_dry(TAIL, made.code)


def test_an_unbraced_branch_is_braced_and_the_return_copied_with_the_rest() -> None:
    made = tails(TAIL)[2]
    old = """    if (value < low)
        shown = low;
    printf("value %d shown as %d between %d and %d\\n", value, shown, low, high);
    return shown;
"""
    new = """    if (value < low) {
        shown = low;
        printf("value %d shown as %d between %d and %d\\n", value, shown, low, high);
        return shown;
    } else {
        printf("value %d shown as %d between %d and %d\\n", value, shown, low, high);
        return shown;
    }
"""
    assert made.code == swapped(TAIL, old, new)
    assert only_dry(TAIL, made.code)


def test_a_copy_too_short_for_a_clone_is_not_offered() -> None:
    # the lone printf after `if (value < low)`: 15 tokens, under the 17-token window
    program = Program(TAIL)
    kinds = offers(program, Random(0))
    made = [make() for kind in kinds for make in kind]
    offered = [e for e in made if e is not None and e.transform == "duplicate_tail"]
    assert len(tails(TAIL)) == 4 and len(offered) == 3
    assert all(only_dry(TAIL, e.code) for e in offered)


def test_for_peel_declares_the_index_before_and_steps_it_after_the_copy() -> None:
    made = peels(LOOPS)[0]
    assert made.transform == "peel_loop" and made.details == {"loop": "for"}
    old = "    for (int i = 0; i < count; i++) {\n"
    new = """    int i = 0;
    if (i < count) {
        if (values[i] > best) {
            best = values[i];
        }
        i++;
    }
    for (; i < count; i++) {
"""
    assert made.code == swapped(LOOPS, old, new)
    assert only_dry(LOOPS, made.code)


def test_while_peel_and_do_while_written_as_its_first_pass_and_a_while() -> None:
    made = peels(LOOPS)[1]
    assert made.details == {"loop": "while"}
    pass_ = """ {
        printf("value %d: %d is not negative\\n", at, values[at]);
        at++;
    }
"""
    old = "    while (at < count && values[at] >= 0)" + pass_
    new = "    if (at < count && values[at] >= 0)" + pass_ + old
    assert made.code == swapped(LOOPS, old, new)
    assert only_dry(LOOPS, made.code)
    made = peels(LOOPS)[2]
    assert made.details == {"loop": "do"}
    body = """{
        printf("left %d of %d after %d steps, %d to go\\n", left, from, from - left, left - steps);
        left--;
    }"""
    old = f"    do {body} while (left > from - steps);\n"
    # the first pass as plain statements, as a student writes it before the loop
    first = body.removeprefix("{\n        ").removesuffix("\n    }")
    first = first.replace("\n        ", "\n    ")
    new = f"    {first}\n    while (left > from - steps) {body}\n"
    assert made.code == swapped(LOOPS, old, new)
    assert only_dry(LOOPS, made.code)


def test_a_peel_is_braced_where_a_bare_body_or_a_later_name_needs_it() -> None:
    bare, named = peels(NESTED)
    old = """    if (rows > 0)
        for (int r = 0; r < rows; r++) {
            total += r * cols + (r % 2 == 0 ? cols : -cols) + total / (cols + 1);
        }
"""
    new = """    if (rows > 0) {
        int r = 0;
        if (r < rows) {
            total += r * cols + (r % 2 == 0 ? cols : -cols) + total / (cols + 1);
            r++;
        }
        for (; r < rows; r++) {
            total += r * cols + (r % 2 == 0 ? cols : -cols) + total / (cols + 1);
        }
    }
"""
    assert bare.code == swapped(NESTED, old, new)
    # `int c = total % 7;` after the loop: `int c = 0;` before it would be declared twice
    old = """    for (int c = 0; c < cols; c++) {
        total -= c * rows + (c % 2 == 0 ? rows : -rows) + total / (rows + 1);
    }
"""
    new = """    {
        int c = 0;
        if (c < cols) {
            total -= c * rows + (c % 2 == 0 ? rows : -rows) + total / (rows + 1);
            c++;
        }
        for (; c < cols; c++) {
            total -= c * rows + (c % 2 == 0 ? rows : -rows) + total / (rows + 1);
        }
    }
"""
    assert named.code == swapped(NESTED, old, new)
    assert only_dry(NESTED, bare.code) and only_dry(NESTED, named.code)


def test_an_either_condition_becomes_one_case_per_alternative_with_the_same_branch() -> None:
    (made,) = splits(SPLIT)
    assert made.transform == "split_condition" and made.details == {"cases": 3}
    branch = """ {
            count++;
            printf("vowel %c at %d of %s\\n", c, i, word);
        }"""
    old = "        if (c == 'a' || c == 'e' || c == 'o')" + branch
    new = " else ".join(f"if (c == '{v}'){branch}" for v in "aeo")
    assert made.code == swapped(SPLIT, old, "        " + new)
    assert only_dry(SPLIT, made.code)
    # `else if (c == 'z')` keeps its place after the last case
    assert "        } else if (c == 'z')\n" in made.code


def test_nothing_that_would_copy_a_jump_a_static_a_case_or_capture_a_name() -> None:
    # report's branch returns, its tail holds a static; show's branch declares the `value`
    # its tail prints, its other tail is in a `case`; main's branch breaks and its loop
    # reads input in its condition
    assert tails(NOTHING) == [] and peels(NOTHING) == [] and splits(NOTHING) == []
    made = RULE.procedural(Program(NOTHING), Random(0))
    assert isinstance(made, NotApplicable) and made.reason == WHY_NOT
    assert "if whose branches cannot jump out" in made.reason and "first pass" in made.reason


FUNCTION = """int f(int value, int limit)
{
    int shown = value;
    int total = 0;
    BRANCH
    TAIL
    for (int i = 0; COND; i++) {
        BODY
        total += i * value + (i % 2 == 0 ? limit : -limit);
    }
    return shown + total;
}
"""
PRINT = 'printf("value %d limit %d shown %d twice %d\\n", value, limit, shown, 2 * shown);'
HAS = {
    "BRANCH": "if (value > limit) { shown = limit; }",
    "TAIL": PRINT,
    "COND": "i < limit",
    "BODY": "shown++;",
}
BREAKS = [
    ("BRANCH", "if (value > limit) { shown = limit; return 1; }", "tails"),
    ("BRANCH", "if (value > limit) { goto out; }", "tails"),
    ("BRANCH", "if (value > limit) { int shown = limit; total = shown; }", "tails"),
    ("TAIL", "static int calls = 0; calls++; " + PRINT, "tails"),
    ("TAIL", "again: " + PRINT, "tails"),
    ("COND", "i < limit && getchar() != EOF", "loops"),
    ("COND", "(total = i) < limit", "loops"),
    ("BODY", "if (shown > limit) break;", "loops"),
    ("BODY", "if (shown > limit) continue;", "loops"),
]


def _function(**changes: str) -> str:
    code = FUNCTION
    for key, value in (HAS | changes).items():
        code = code.replace(key, value)
    return code


@pytest.mark.parametrize(("key", "value", "kind"), BREAKS)
def test_each_rule_alone_takes_a_place_away(key: str, value: str, kind: str) -> None:
    count = {"tails": copies.tails, "loops": copies.loops}[kind]
    assert list(count(Program(_function()).root))
    assert list(count(Program(_function(**{key: value})).root)) == []


def test_a_break_or_continue_of_an_inner_loop_or_switch_stays_copyable() -> None:
    inner = "for (int k = 0; k < value; k++) { if (k > limit) break; if (k < 0) continue; }"
    assert len(list(copies.loops(Program(_function(BODY=inner)).root))) == 1
    branch = "if (value > limit) { switch (value) { case 1: break; default: shown = 2; } }"
    assert len(list(copies.tails(Program(_function(BRANCH=branch)).root))) == 3


def test_the_seed_picks_the_transform_then_the_place() -> None:
    program = Program(LOOPS + TAIL.replace("#include <stdio.h>", "").replace("main", "main2"))
    made = {}
    for seed in range(16):
        edit = RULE.procedural(program, Random(seed))
        assert isinstance(edit, Edit)
        made.setdefault(edit.transform, set()).add(edit.code)
    assert {"duplicate_tail", "peel_loop"} <= set(made)
    assert len(made["peel_loop"]) > 1 and len(made["duplicate_tail"]) > 1
    again = RULE.procedural(program, Random(3))
    assert isinstance(again, Edit) and again.code == RULE.procedural(program, Random(3)).code  # type: ignore[union-attr]


def test_every_copy_builds_and_prints_what_its_parent_printed() -> None:
    jobs: list[tuple[str, str, str]] = []
    for name, code in (("TAIL", TAIL), ("LOOPS", LOOPS), ("NESTED", NESTED), ("SPLIT", SPLIT)):
        jobs.append((name, "parent", code))
        jobs += [(name, e.transform, e.code) for e in tails(code) + peels(code) + splits(code)]
    assert len(jobs) == 4 + 4 + 3 + 4 + 2
    with get_sandbox(SandboxConfig(workers=2)) as sandbox:
        results = sandbox.run_batch([(code, INPUTS[name]) for name, _, code in jobs])
    printed = {}
    for (name, kind, code), result in zip(jobs, results, strict=True):
        assert result.compiled, (name, kind, result.compile_output[-600:], code)
        assert "warning" not in result.compile_output, (name, kind, result.compile_output)
        outputs = [r.stdout for r in result.runs]
        assert all(r.exit_code == 0 for r in result.runs), (name, kind)
        if kind == "parent":
            printed[name] = outputs
            assert all(outputs), name  # the inputs make every parent print something
        assert compare(printed[name], outputs).equal, (name, kind, code)


# SRP's single-use digits helper, called a second time
DIGITS_TWICE = fixtures_srp.DIGITS.replace(
    "        print_digits(n * 3, 8);\n",
    "        print_digits(n * 3, 8);\n        print_digits(n + 1, 4);\n",
)


def test_a_helper_assigning_its_parameter_is_pasted_with_a_local_copy_per_call() -> None:
    from generator.principles.dry import rule as dry

    program = Program(DIGITS_TWICE)
    assert dry.paste_targets(program) == [] and RULE.targets(program) == []
    assert dry.paste_targets(program, own_locals=True) == ["print_digits"]
    edit = dry.paste("print_digits", dry.pastes(program, own_locals=True)["print_digits"])
    assert "print_digits" not in edit.code
    assert "{\n            int number = n * 3;\n            int count = 0;" in edit.code
    assert "{\n            int number = n + 1;\n            int count = 0;" in edit.code
    assert 'printf("(%d of %d)\\n", count, 4);' in edit.code
    assert only_dry(DIGITS_TWICE, edit.code)
    inputs = ["12 305\n", "7\n"]
    with get_sandbox(SandboxConfig(workers=2)) as sandbox:
        parent, variant = sandbox.run_batch([(DIGITS_TWICE, inputs), (edit.code, inputs)])
    assert variant.compiled and "warning" not in variant.compile_output, variant.compile_output
    outputs = [r.stdout for r in variant.runs]
    assert outputs == [r.stdout for r in parent.runs]
    assert outputs[1] == "1 2 (2 of 8)\n8 (1 of 4)\n7\n"
