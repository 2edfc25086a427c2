"""The de-clean templates: they render, and their worked example really breaks the principle.

A worked example the evidence checker would reject teaches the small model the wrong edit,
so each example pair goes through the same check as a generated variant.
"""

from __future__ import annotations

import re

import pytest

from generator.evidence import check
from generator.principles import Principle
from generator.prompts import load_template

C_BLOCK = re.compile(r"```c\n(.*?)```", re.DOTALL)


@pytest.mark.parametrize("targeted", [False, True], ids=["generic", "targeted"])
@pytest.mark.parametrize("principle", list(Principle))
def test_worked_example_is_confirmed_without_collateral(
    principle: Principle, targeted: bool
) -> None:
    name = f"targeted/{principle.prompt_name}" if targeted else principle.prompt_name
    messages = load_template(name).render(
        code="int main(void) {}", statement="", targets="f", calls="f();", renames="f to g"
    )
    before = C_BLOCK.findall(messages[1]["content"])
    after = C_BLOCK.findall(messages[2]["content"])
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert len(before) == len(after) == 1
    ev = check(before[0], after[0], principle)
    assert ev.verdict == "confirmed", ev.reasons
    assert ev.collateral == []


@pytest.mark.parametrize("principle", list(Principle))
def test_last_turn_carries_the_parent_verbatim(principle: Principle) -> None:
    code = '#include <stdio.h>\nint main(void) { printf("{x}\\n"); return 0; }'
    messages = load_template(principle.prompt_name).render(code=code, statement="s")
    assert f"```c\n{code}\n```" in messages[-1]["content"]
    # The instruction of the last turn is the one the example answered, word for word.
    assert messages[-1]["content"].split("\n\n")[0] == messages[1]["content"].split("\n\n")[0]
