"""A pasted helper no longer called goes, with its prototype; anything else stays."""

from generator.c.program import Program
from generator.c.tidy import drop_unused_function

TIDY = """#include <stdio.h>
static int twice(int v);

static int twice(int v)
{
    return 2 * v;
}

static int keep(int v) { return v; }

int main(void)
{
    printf("%d\\n", keep(2 * 3));
    return 0;
}
"""


def test_pasted_helper_no_longer_called_is_removed_with_its_prototype() -> None:
    out = drop_unused_function(Program(TIDY), "twice").code
    assert "twice" not in out and "static int keep(int v)" in out and "int main(void)" in out


def test_helper_still_called_or_broken_program_is_left_alone() -> None:
    tidy, broken = Program(TIDY), Program(TIDY.replace("return 0;", "return 0"))
    assert drop_unused_function(tidy, "keep") is tidy  # the same program: nothing to parse
    assert drop_unused_function(broken, "twice") is broken
    assert drop_unused_function(tidy, "absent") is tidy
