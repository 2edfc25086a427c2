"""What a reviewer's verdict makes of a procedural edit before it is gated: a violation, a
hard negative (it nears the line a reviewer draws and stays below), or nothing a reviewer
sees, which is dropped as `unseen`."""

from __future__ import annotations

import pytest

from generator.principles import Principle
from generator.records import Reason
from generator.stages.declean import sighted
from generator.stages.marks import mark
from generator.syntax import Program

PARENT = (
    "#include <stdio.h>\n\n#define COUNT 5\n\n"
    "int main(void)\n{\n    int total = 0, value;\n"
    "    for (int i = 0; i < COUNT; i++) {\n"
    '        scanf("%d", &value);\n        total += value;\n    }\n'
    '    printf("%d\\n", total);\n    return 0;\n}\n'
)


def renamed(old: str, new: str) -> str:
    return PARENT.replace(old, new)


@pytest.mark.parametrize(
    ("principle", "variant", "expected"),
    [
        (Principle.NAME, renamed("total", "t2"), "violation"),
        (Principle.NAME, renamed("total", "n"), "below"),  # the guide lets `n` pass
        (Principle.NAME, PARENT.replace("    return 0;", "\n    return 0;"), "unseen"),
        # the number the exercise gives, written once where its name was
        (Principle.MC, renamed("#define COUNT 5\n", "").replace("COUNT", "5"), "below"),
        (Principle.MC, PARENT.replace("i < COUNT", "i < 5"), "violation"),  # beside its name
    ],
)
def test_the_verdict_sorts_an_edit_before_its_gates(
    principle: Principle, variant: str, expected: str
) -> None:
    assert sighted(principle, Program(PARENT))(Program(variant)) == expected


def test_unseen_is_a_reason_of_the_fixed_set() -> None:
    assert Reason("unseen") is Reason.UNSEEN


PASTED = (
    "#include <stdio.h>\n\nint main(void)\n{\n    int total = 0;\n    {\n"
    '        int total = 5;\n        printf("%d\\n", total);\n    }\n'
    '    printf("%d\\n", total);\n    return 0;\n}\n'
)
TWO = (
    "#include <stdio.h>\n\nstatic int sum_to(int n)\n{\n    int s = 0;\n"
    "    for (int i = 1; i <= n; i++) s += i;\n    return s;\n}\n\n"
)
COPY = TWO.replace("sum_to(int n)", "sum_upto(int m)").replace("i <= n", "i <= m")


def test_an_edit_that_leaves_a_mark_no_student_leaves_is_told() -> None:
    plain = "#include <stdio.h>\n\nint main(void)\n{\n    int total = 0;\n    return total;\n}\n"
    assert "bare block" in (mark(Program(plain), Program(PASTED)) or "")
    main = 'int main(void)\n{\n    printf("%d\\n", sum_to(3));\n    return 0;\n}\n'
    parent, copied = Program(TWO + main), Program(TWO + COPY.split("\n\n", 1)[1] + main)
    assert "whole copy" in (mark(parent, copied) or "")
    assert mark(parent, parent) is None  # what the parent had already is no mark of the edit
