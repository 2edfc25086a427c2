"""What a reviewer's verdict makes of a procedural edit before it is gated: a violation, a
hard negative (it nears the line a reviewer draws and stays below), or nothing a reviewer
sees, which is dropped as `unseen`."""

from __future__ import annotations

import pytest

from generator.principles import Principle
from generator.records import Reason
from generator.stages.declean import sighted
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
    assert sighted(principle, Program(PARENT), variant) == expected


def test_unseen_is_a_reason_of_the_fixed_set() -> None:
    assert Reason("unseen") is Reason.UNSEEN
