"""The format repairs, fed the diagnostics the real sandbox's gcc prints: the repaired
program builds with no format warning and prints what the slip's author meant."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.c.formats import repair_formats
from generator.c.program import Program
from generator.problems import load_problems
from generator.stages.build import other_level
from sandbox import ProgramResult, Sandbox, get_sandbox

SLIPS = r"""#include <stdio.h>
#include <string.h>
int main(void) {
    double mark = 78.0; int count = 3; const char *name = "ab";
	printf("%6d|%.2f\n", mark, count);
    printf("VAT 20.0%: %.2f and 50%\n", mark);
    printf("len %d %ld\n", strlen(name), count);
    printf("€ %d\n", mark); printf("x %5.1f\n", count * 2);
    printf("%-4i!\n", (mark));
    printf("50%");
    printf("\nat " "5.5%");
    return 0;
}
"""
MEANT = "    78|3.00\nVAT 20.0%: 78.00 and 50%\nlen 2 3\n€ 78\nx   6.0\n78  !\n50%\nat 5.5%"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    box = get_sandbox()
    yield box
    box.close()


def format_warnings(result: ProgramResult) -> list[str]:
    return [d.message for d in result.diagnostics if d.message.endswith("[-Wformat=]")]


def test_each_slip_is_repaired_to_what_it_meant(sandbox: Sandbox) -> None:
    before = sandbox.run(SLIPS, [""])
    assert len(format_warnings(before)) == 11
    repaired, done = repair_formats(Program(SLIPS), before.diagnostics)
    code = repaired.code
    after = sandbox.run(code, [""])
    assert format_warnings(after) == []
    assert after.runs[0].stdout == MEANT
    assert 'printf("%6d|%.2f\\n", (int)mark, (double)count);' in code  # a tab before it
    assert 'printf("€ %d\\n", (int)mark); printf("x %5.1f\\n", (double)(count * 2));' in code
    assert 'printf("\\nat " "5.5%%");' in code  # gcc's note points into the second piece
    assert len(done) == 11
    assert done[0] == "line 5: cast mark to int: '%d' was given type double"
    assert "line 7: cast strlen(name) to int: '%d' was given type long unsigned int" in done


def test_a_slip_with_no_single_reading_is_left_alone(sandbox: Sandbox) -> None:
    """A missing argument, or scanf's `%d` given a string: which was meant is a guess."""
    code = (
        "#include <stdio.h>\nint main(void) {\n    char word[8]; int n = 2;\n"
        '    if (scanf("%d", word) != 1) return 0;\n    printf("%d of %d\\n", n);\n'
        "    return 0;\n}\n"
    )
    result = sandbox.run(code, ["abc"])
    assert len(format_warnings(result)) == 2
    program = Program(code)
    assert repair_formats(program, result.diagnostics) == (program, [])


def test_no_reference_solution_has_a_format_slip_or_a_layout_dependent_output(
    sandbox: Sandbox,
) -> None:
    """The corpus references pass the reference gates: nothing to repair, and built at
    -O0 each prints what it prints at the configured -O1, on every input of its problem."""
    problems = {p.id: p for p in load_problems(Path("problems"))}
    references = sorted(Path("problems/reference").glob("*.c"))
    assert len(references) >= 50
    jobs = [(p.read_text(), problems[p.stem].inputs) for p in references]
    flags = other_level(list(sandbox.config.cflags))
    first = sandbox.run_batch(jobs)
    again = [sandbox.run(code, inputs, cflags=flags) for code, inputs in jobs]
    for path, (code, _), one, two in zip(references, jobs, first, again, strict=True):
        assert one.compiled and two.compiled, path
        program = Program(code)
        assert repair_formats(program, one.diagnostics) == (program, []), path
        assert [r.stdout for r in one.runs] == [r.stdout for r in two.runs], path
