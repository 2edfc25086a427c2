"""Repairs of slips that stop a program compiling: headers, a name that hides a function,
a call above its definition, an indexed brace-list macro."""

from pathlib import Path

from generator.c.program import Program
from generator.c.repair import declare_before_use, list_macros, repair, unshadow


def repaired(code: str) -> tuple[str, list[str]]:
    program, done = repair(Program(code))
    return program.code, done


def test_repair_adds_missing_headers_once() -> None:
    code = 'int main(void) {\n  char s[8];\n  strcpy(s, "x");\n  printf("%d\\n", abs(-1));\n}\n'
    fixed, repairs = repaired(code)
    assert repairs == [
        "added #include <stdio.h>",
        "added #include <stdlib.h>",
        "added #include <string.h>",
    ]
    assert repaired(fixed) == (fixed, [])


def test_repair_ignores_names_in_strings_and_comments() -> None:
    code = '#include <stdio.h>\n// uses sqrt later\nint main(void) { puts("strlen"); }\n'
    assert repaired(code) == (code, [])
    program = Program(code)
    assert repair(program)[0] is program  # nothing repaired: the parsed program goes on


HIDDEN = """#include <stdio.h>

static double average(const int marks[], int count)
{
    int sum = 0;
    for (int i = 0; i < count; i++) {
        sum += marks[i];
    }
    return (double)sum / count;
}

static void report(const int marks[], int count)
{
    double average = average(marks, count);
    printf("%.1f\\n", average);
}
"""


def test_repair_renames_a_variable_that_hides_the_function_it_calls() -> None:
    fixed, repairs = repaired(HIDDEN)
    assert repairs == ["renamed average to average_result in report: it hid the function average"]
    assert "double average_result = average(marks, count);" in fixed
    assert 'printf("%.1f\\n", average_result);' in fixed
    assert "static double average(const int marks[], int count)" in fixed  # the function stays


def test_repair_declares_a_function_called_above_its_definition() -> None:
    code = (
        '#include <stdio.h>\n\nint main(void)\n{\n    printf("%d\\n", twice(21));\n'
        "    return 0;\n}\n\nstatic int twice(\n    int n)\n{\n    return 2 * n;\n}\n"
    )
    fixed, repairs = repaired(code)
    assert repairs == ["declared twice before its first use"]
    assert "#include <stdio.h>\n\nstatic int twice( int n);\n\nint main(void)" in fixed
    assert repaired(fixed) == (fixed, [])  # declared now: nothing more to do


def test_repair_leaves_a_prototyped_or_pointer_call_alone() -> None:
    code = (
        "static int twice(int n);\nint main(void)\n{\n    int (*twice_of)(int) = twice;\n"
        "    return twice(1) + twice_of(2);\n}\nstatic int twice(int n) { return 2 * n; }\n"
    )
    assert repaired(code) == (code, [])


def test_repair_makes_an_indexed_brace_list_macro_an_array() -> None:
    code = (
        "#include <stdio.h>\n#define N 3\n#define PRIMES {2, 3, 5}\n#define RATES {0.5, 1.25}\n"
        "#define PAIR {1, 2}\nint main(void)\n{\n    int pair[] = PAIR;\n"
        "    for (int i = 0; i < N; i++) {\n"
        '        printf("%d %d\\n", PRIMES[i], pair[0]);\n    }\n'
        '    printf("%.2f\\n", RATES [1]);\n    return 0;\n}\n'
    )
    fixed, repairs = repaired(code)
    assert repairs == [
        "made the brace-list macro PRIMES a const int array: it is indexed",
        "made the brace-list macro RATES a const double array: it is indexed",
    ]
    assert "static const int PRIMES[] = {2, 3, 5};\n" in fixed
    assert "static const double RATES[] = {0.5, 1.25};\n" in fixed
    assert "#define PAIR {1, 2}\n" in fixed  # used as an initialiser: valid C, left alone


def test_renames_prototypes_and_arrays_change_no_reference_solution() -> None:
    """These fire only on code that cannot compile: the corpus references (all compile and
    pass their tests) come back untouched."""
    references = sorted(Path("problems/reference").glob("*.c"))
    assert len(references) >= 50
    for path in references:
        code = path.read_text()
        program = Program(code)
        said = (unshadow(program), declare_before_use(program), list_macros(program))
        assert said == ((code, []),) * 3, path
