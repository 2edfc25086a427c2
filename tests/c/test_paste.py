"""The pieces of the per-line paste: which calls can take a body, and putting it back."""

import pytest

from generator.c.paste import (
    answer,
    argument_text,
    assemble,
    bindings,
    definitions,
    faithful,
    helper_text,
    inlinable,
    modified_parameters,
    paste_sites,
    pasteable,
    put,
    returns_expression,
    scoped,
    snippet,
    unreplaced,
)
from generator.c.program import Program

CODE = """#include <stdio.h>

static int largest(const int values[], int count)
{
    int best = values[0];
    for (int i = 1; i < count; i++) {
        if (values[i] > best) {
            best = values[i];
        }
    }
    return best;
}

static int sign(int v)
{
    if (v < 0) {
        return -1;
    }
    return v > 0;
}

int main(void)
{
    int marks[3] = {4, 9, 2};
    int best = 0;
    printf("%d\\n", largest(marks, 3));
    printf("%d\\n", largest(marks, 2));
    return sign(best);
}
"""


PROGRAM = Program(CODE)


def test_definitions_and_helper_text() -> None:
    assert list(definitions(PROGRAM)) == ["largest", "sign", "main"]
    assert helper_text(PROGRAM, "sign").startswith("static int sign(int v)\n{")
    assert helper_text(PROGRAM, "absent") == ""


def test_only_a_body_ending_in_its_one_return_pastes_as_statements() -> None:
    assert inlinable(PROGRAM, "largest")
    assert not inlinable(PROGRAM, "sign")  # returns early
    assert not inlinable(PROGRAM, "absent")


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ('printf("%d\\n", largest(marks, 3));', True),
        ("int top = largest(marks, 3);", True),
        ("return largest(marks, 3);", True),
        ("if (largest(marks, 3) > 2) {", False),
        ("while (largest(marks, n) > 2) n--;", False),
        ("largest(marks, 3));", False),  # the tail of a call split over two lines
        ("int d = largest(a, 2) - largest(b, 2);", False),  # two calls: which one?
    ],
)
def test_pasteable_lines_are_whole_statements_with_one_call(line: str, ok: bool) -> None:
    assert pasteable(line, "largest") is ok


LEAP = """static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
"""


def test_an_expression_body_fits_in_a_condition() -> None:
    assert returns_expression(Program(LEAP), "is_leap")
    assert not returns_expression(PROGRAM, "largest") and not returns_expression(PROGRAM, "sign")
    line = "if (month == 2 && is_leap(year)) {"
    assert not pasteable(line, "is_leap") and pasteable(line, "is_leap", anywhere=True)
    assert not pasteable("is_leap(a) || is_leap(b)) {", "is_leap", anywhere=True)
    answer = "return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;"
    assert assemble(line, "is_leap", answer) == (
        "if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {"
    )


def test_bindings_pair_parameters_with_the_call_values() -> None:
    line = 'printf("%d\\n", largest(marks, 3));'
    assert bindings(PROGRAM, "largest", line) == "marks in place of values and 3 in place of count"
    assert bindings(PROGRAM, "sign", "x = sign(a, b);") is None  # wrong arity: not our call


def test_snippet_takes_the_first_c_block_or_the_bare_reply() -> None:
    assert snippet("Sure:\n```c\n    int x = 1;\n    f(x);\n```\nDone.") == "int x = 1;\nf(x);"
    assert snippet("int x = 1;") == "int x = 1;"
    assert snippet("```c\n```") is None


def test_put_replaces_the_whole_line_in_order_with_its_indent() -> None:
    first = 'printf("%d\\n", largest(marks, 3));'
    program, pos = put(PROGRAM, first, 'int top = 9;\nprintf("%d\\n", top);')
    out = program.code
    assert (
        '    int top = 9;\n    printf("%d\\n", top);\n    printf("%d\\n", largest(marks, 2));'
        in out
    )
    again, _ = put(program, 'printf("%d\\n", largest(marks, 2));', 'puts("x");', pos)
    assert '    puts("x");\n    return sign(best);' in again.code
    assert put(PROGRAM, "not in the code;", "x;") == (PROGRAM, 0)


def test_a_paste_redeclaring_a_name_of_its_caller_gets_a_block() -> None:
    body = 'int best = marks[0];\nprintf("%d\\n", best);'
    wrapped, clash = scoped(PROGRAM, 'printf("%d\\n", largest(marks, 3));', body)
    assert clash == {"best"} and wrapped.startswith("{\n    int best = marks[0];")
    fresh = 'int top = marks[0];\nprintf("%d\\n", top);'
    assert scoped(PROGRAM, 'printf("%d\\n", largest(marks, 3));', fresh) == (fresh, set())
    # a call line that declares a variable keeps its scope: what follows may use it
    assert scoped(PROGRAM, "int best = largest(marks, 3);", body) == (body, set())


def test_the_caller_is_found_by_bytes_past_a_non_ascii_text() -> None:
    """The tree counts bytes, the text characters: 40 euro signs above `main` put the call
    line's character offset 80 bytes early, inside `sign`, which declares no `best`."""
    euros = CODE.replace(
        "static int sign(int v)\n{\n", "static int sign(int v)\n{\n    /* " + "€" * 40 + " */\n"
    )
    body = 'int best = marks[0];\nprintf("%d\\n", best);'
    wrapped, clash = scoped(Program(euros), 'printf("%d\\n", largest(marks, 3));', body)
    assert clash == {"best"} and wrapped.startswith("{\n")


def test_assemble_puts_the_returned_value_where_the_call_was() -> None:
    body = "int best = marks[0];\nreturn best;"
    line = 'printf("%d\\n", largest(marks, 3));'
    assert assemble(line, "largest", body) == 'int best = marks[0];\nprintf("%d\\n", best);'
    # an expression goes in parentheses, a call that is the whole statement drops the value
    assert assemble("int d = 2 * largest(m, 3);", "largest", "return a + b;") == (
        "int d = 2 * (a + b);"
    )
    assert assemble("largest(m, 3);", "largest", "int b = m[0];\nreturn b;") == "int b = m[0];"
    # the call line declares the very variable the body declares and returns: the body does it
    body = "int swaps = 0;\nswaps += n;\nreturn swaps;"
    assert assemble("int swaps = count(v, n);", "count", body) == "int swaps = 0;\nswaps += n;"
    # ...and when the body's variable has another name, the copy takes the caller's name
    body = "double base = 0.0;\nbase += item.base;\nreturn base;"
    assert assemble("double net = base_for(item);", "base_for", body) == (
        "double net = 0.0;\nnet += item.base;"
    )
    # a value is needed but the answer has no final return: nothing to put in its place
    assert assemble(line, "largest", "int best = marks[0];") is None


def test_a_body_copied_with_its_parameter_names_is_caught() -> None:
    line = 'printf("%d\\n", largest(marks, 3));'
    assert unreplaced(PROGRAM, "largest", line, "int best = values[0];\nreturn best;") == ["values"]
    assert unreplaced(PROGRAM, "largest", line, "int best = marks[0];\nreturn best;") == []
    # a field of the same name as a parameter is no parameter left over
    field = "int best = marks.values[0];\nreturn best;"
    assert unreplaced(PROGRAM, "largest", line, field) == []
    # a parameter whose value has the same name is not left over
    same = "int count = largest(values, count);"
    assert unreplaced(PROGRAM, "largest", same, "int best = values[0];\nreturn best;") == []


def test_a_body_that_assigns_to_its_parameter_is_not_pasted() -> None:
    roman = """static void to_roman(int value, char *numeral)
{
    numeral[0] = '\\0';
    while (value >= 10) {
        value -= 10;
        numeral++;
    }
}
"""
    assert modified_parameters(Program(roman), "to_roman") == ["numeral", "value"]
    assert modified_parameters(PROGRAM, "largest") == []  # writes only its own `best`


def test_arguments_that_are_not_one_operand_are_parenthesised() -> None:
    for plain in ["total", "items[i].price", "p->count", "f(a, b)", '"sum"', "3"]:
        assert argument_text(plain) == plain
    assert argument_text("&STUDENTS[best]") == "(&STUDENTS[best])"
    assert argument_text("total * SCALE") == "(total * SCALE)"
    line = "double a = largest(&marks[1], n - 1);"
    assert (
        bindings(PROGRAM, "largest", line)
        == "(&marks[1]) in place of values and (n - 1) in place of count"
    )


CAPTURED = """#include <stdio.h>
void show_others(int n, int skip) {
    for (int c = 0; c < n; c++) {
        if (c != skip) {
            printf("%d ", c);
        }
    }
    printf("\\n");
}
int main(void) {
    int c = 2;
    show_others(4, c);
    show_others(5, 1);
    return 0;
}
"""


def test_a_call_passing_a_name_the_body_declares_keeps_its_call() -> None:
    """Pasted, `show_others(4, c)` would compare the body's own loop `c` with itself."""
    from generator.c.paste import captures, faithful

    assert captures(Program(CAPTURED), "show_others", "show_others(4, c);")
    assert not captures(Program(CAPTURED), "show_others", "show_others(5, 1);")
    lines = ["show_others(4, c);", "show_others(5, 1);"]
    pasted = faithful(Program(CAPTURED), "show_others", lines).code
    assert "show_others(4, c);" in pasted and "show_others(5, 1);" not in pasted
    assert "c != 1" in pasted and "c != c" not in pasted


SHADOWED = """#include <stdio.h>
long count_above(const int values[], int n, int limit) {
    long inversions = 0;
    for (int i = 0; i < n; i++) {
        if (values[i] > limit) {
            inversions++;
        }
    }
    return inversions;
}
long total(const int values[], int n) {
    long inversions = 1;
    return inversions + count_above(values, n, 2);
}
int main(void) {
    int values[] = {1, 5, 3};
    long inversions = count_above(values, 3, 1);
    printf("%ld %ld\\n", inversions, total(values, 3));
    return 0;
}
"""


def test_a_line_naming_what_the_pasted_body_declares_keeps_its_call() -> None:
    """In a block of its own, the body's `inversions` would hide the caller's in the rest
    of the line; the line declaring `inversions` from the call is pasted, under that name."""
    from generator.c.paste import captures, faithful

    shadowed = "return inversions + count_above(values, n, 2);"
    declaring = "long inversions = count_above(values, 3, 1);"
    assert captures(Program(SHADOWED), "count_above", shadowed)
    assert not captures(Program(SHADOWED), "count_above", declaring)
    pasted = faithful(Program(SHADOWED), "count_above", [shadowed, declaring]).code
    assert shadowed in pasted and declaring not in pasted
    assert "return inversions + inversions;" not in pasted


def test_an_answer_is_put_in_place_or_told_what_is_wrong_with_it() -> None:
    line = 'printf("%d\\n", largest(marks, 3));'
    loop = "for (int i = 1; i < 3; i++) {\n    best = marks[i];\n}"
    body = f"int best = marks[0];\n{loop}"
    ok = f"{body}\nreturn best;"
    assert answer(PROGRAM, "largest", line, ok) == (f'{body}\nprintf("%d\\n", best);', "")
    assert answer(PROGRAM, "largest", line, None) == (None, "the answer is empty")
    calls = "return largest(marks, 3);"
    assert answer(PROGRAM, "largest", line, calls) == (
        None,
        "it calls largest instead of copying its statements",
    )
    kept = ok.replace("i < 3", "i < count")
    assert answer(PROGRAM, "largest", line, kept) == (
        None,
        "it still writes count where 3 belongs: `for (int i = 1; i < count; i++) {` should"
        " read `for (int i = 1; i < 3; i++) {`",
    )
    # the innermost statement alone: what is missing is named, with the values in place
    inner = "best = values[1];\nreturn best;"
    assert answer(PROGRAM, "largest", line, inner) == (
        None,
        "it still writes values where marks belongs: `best = values[1];` should read"
        " `best = marks[1];`; and it leaves out `int best = marks[0];` and"
        " `for (int i = 1; i < 3; i++) {`",
    )
    assert answer(PROGRAM, "largest", line, body) == (
        None,
        "it leaves out the body's final return statement",
    )
    # declarations merged or split are still the whole body
    split = ok.replace("int best = marks[0];", "int best;\nbest = marks[0];")
    assert answer(PROGRAM, "largest", line, split)[1] == ""


def test_a_parameter_named_in_a_string_or_comment_keeps_that_word() -> None:
    """Binding `probes` to `total` rewrites the variable, not "after %d probes" (seen on a
    binary-search merge: the variant printed "after 6 total" and failed equivalence)."""
    code = (
        "#include <stdio.h>\n\n"
        "static void report(int index, int probes)\n{\n"
        "    /* probes: how many looks */\n"
        "    printf(\"%d after %d probes ('p')\\n\", index, probes);\n"
        "}\n\n"
        "int main(void)\n{\n    int total = 6;\n    report(2, total);\n    return 0;\n}\n"
    )
    program = Program(code)
    pasted = faithful(program, "report", paste_sites(program, "report")).code
    assert "    printf(\"%d after %d probes ('p')\\n\", 2, total);" in pasted
    assert "    /* probes: how many looks */" in pasted and "report(" not in pasted
