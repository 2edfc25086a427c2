"""What a reviewer's verdict makes of a procedural edit before it is gated: a violation, a
hard negative (it nears the line a reviewer draws and stays below), or nothing a reviewer
sees, which is dropped as `unseen`."""

from __future__ import annotations

import pytest

from generator.c.marks import mark
from generator.c.program import Program
from generator.principles import Principle
from generator.principles.base import verdicts
from generator.records import Reason, Status
from generator.stages.declean import sighted
from tests.scripted import Script, fenced, program, rewrite
from tests.scripted.runner import Runner

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


# The model's edits are sorted the same way, without a request more.
# Two meaningful names lost (the evidence confirms a NAME edit), for plain nouns the guide
# lets pass: no reviewer would flag it.
UNSEEN = program("clean").replace("total", "value").replace("largest", "number")


def test_a_model_edit_no_reviewer_sees_is_asked_again(runner: Runner) -> None:
    runner.fake.handler = Script(clean=[fenced(program("clean"))], NAME=[fenced(UNSEEN), rewrite])
    store = runner.run(principles="NAME", retries=2, targets=False)
    v = store.get_sample("sum-max/c0+NAME")
    assert v.status == Status.ACCEPTED, (v.reason, v.detail)
    assert [a["outcome"] for a in store.attempts(v.id)][:1] == ["unseen"]
    assert verdicts(v.code)[Principle.NAME].violated and not v.meta.get("hard_negative")


def test_a_model_edit_below_the_line_is_a_hard_negative_and_unseen_ones_are_rejected(
    runner: Runner,
) -> None:
    runner.fake.handler = Script(
        clean=[fenced(program("clean"))], DRY=[fenced(program("dry"))], NAME=[fenced(UNSEEN)]
    )
    store = runner.run(principles="DRY,NAME", retries=1, targets=False, skip_inapplicable=False)
    dry = store.get_sample("sum-max/c0+DRY")
    assert dry.status == Status.ACCEPTED and dry.meta["hard_negative"] is True
    assert not verdicts(dry.code)[Principle.DRY].violated
    name = store.get_sample("sum-max/c0+NAME")
    assert (name.status, name.reason) == (Status.REJECTED, Reason.UNSEEN)
    assert name.attempts == 2 and "verdict sees nothing" in name.detail
