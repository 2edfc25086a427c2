"""The de-clean templates: they render, and their worked example really breaks the principle.

A worked example the evidence checker would reject teaches the small model the wrong edit,
so each example pair goes through the same check as a generated variant.
"""

from __future__ import annotations

import re

import pytest

from generator.c.paste import assemble, bindings, definitions, still_calls, unreplaced
from generator.c.pieces import identifiers
from generator.c.program import Program
from generator.principles import Principle
from generator.principles.check import check
from generator.principles.mc import rule as mc_rule
from generator.principles.name import rule as name_rule
from generator.prompts import load_template

# How each targeted request is made: DRY and SRP paste a helper one call line at a time
# (their modules' `ask`), MC and NAME rewrite one top-level piece at a time.
PASTED = {Principle.DRY, Principle.SRP}
PIECEWISE = {Principle.MC, Principle.NAME}

C_BLOCK = re.compile(r"```c\n(.*?)```", re.DOTALL)


# Targeted DRY and SRP prompts ask for one call line at a time: see the paste test below.
WHOLE_PROGRAM = [(p, False) for p in Principle] + [(p, True) for p in Principle if p not in PASTED]


@pytest.mark.parametrize(("principle", "targeted"), WHOLE_PROGRAM)
def test_worked_example_is_confirmed_without_collateral(
    principle: Principle, targeted: bool
) -> None:
    name = f"targeted/{principle.prompt_name}" if targeted else principle.prompt_name
    messages = load_template(name).render(
        code="int main(void) {}",
        statement="",
        targets="f",
        calls="f();",
        renames="f to g",
        replacements="f by 1",
    )
    before = C_BLOCK.findall(messages[1]["content"])
    after = C_BLOCK.findall(messages[2]["content"])
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert len(before) == len(after) == 1
    ev = check(Program(before[0]), Program(after[0]), principle)
    assert ev.verdict == "confirmed", ev.reasons
    assert ev.collateral == []


@pytest.mark.parametrize("principle", list(Principle))
def test_last_turn_carries_the_parent_verbatim(principle: Principle) -> None:
    code = '#include <stdio.h>\nint main(void) { printf("{x}\\n"); return 0; }'
    messages = load_template(principle.prompt_name).render(code=code, statement="s")
    assert f"```c\n{code}\n```" in messages[-1]["content"]
    # The instruction of the last turn is the one the example answered, word for word.
    assert messages[-1]["content"].split("\n\n")[0] == messages[1]["content"].split("\n\n")[0]


@pytest.mark.parametrize("principle", sorted(PASTED))
def test_paste_examples_substitute_every_value(principle: Principle) -> None:
    """Each worked example of the per-line paste prompt: the instruction is worded by the
    same `bindings` the pipeline uses, and the answer is the body with every parameter
    replaced, which `assemble` turns into the lines that replace the call."""
    messages = load_template(f"targeted/{principle.prompt_name}").render(
        targets="f", helper="void f(void) {}", bindings="no change: it has no parameters"
    )
    examples = list(zip(messages[1:-1:2], messages[2:-1:2], strict=True))
    assert len(examples) == 2
    for user, assistant in examples:
        (helper,) = C_BLOCK.findall(user["content"])
        code = Program(helper + "\n")
        (fn,) = definitions(code)
        said = re.search(r"with (.*)\.$", user["content"].strip())
        assert said is not None
        args = [pair.split(" in place of ")[0] for pair in said.group(1).split(" and ")]
        line = f"use({fn}({', '.join(args)}));"
        assert bindings(code, fn, line) == said.group(1)
        (answer,) = C_BLOCK.findall(assistant["content"])
        assert not still_calls(answer, fn) and not unreplaced(code, fn, line, answer)
        assert assemble(line, fn, answer) is not None or "return" not in helper


@pytest.mark.parametrize("principle", sorted(PIECEWISE))
def test_piecewise_examples_make_exactly_the_edit_they_ask_for(principle: Principle) -> None:
    """The worked example of the one-piece-at-a-time MC/NAME prompt: its instruction is
    worded by the pipeline's own `phrase`, and its answer is the piece with every named
    edit made (outside quotes) and nothing else changed."""
    messages = load_template(f"targeted/{principle.prompt_name}").render(
        code="int f;", replacements="f by 1", renames="f to g"
    )
    user, assistant = messages[1]["content"], messages[2]["content"]
    said = re.search(r"(?:replace|rename) (.*?), (?:everywhere|and change)", user)
    assert said is not None
    inline = principle == Principle.MC
    word = " by " if inline else " to "
    pairs = [pair.split(word) for pair in said.group(1).replace(" and ", ", ").split(", ")]
    edits = {old.strip("`"): new.strip("`") for old, new in pairs}
    assert (mc_rule if inline else name_rule).phrase(edits) == said.group(1)
    (before,) = C_BLOCK.findall(user)
    (after,) = C_BLOCK.findall(assistant)
    names_before, names_after = identifiers(Program(before)), identifiers(Program(after))
    assert set(edits) <= names_before and not set(edits) & names_after
    quoted = re.compile(r'"[^"]*"')
    assert quoted.findall(before) == quoted.findall(after)  # text in quotes untouched
    code, texts = quoted.split(before), quoted.findall(before)
    for old, new in edits.items():
        code = [re.sub(rf"\b{re.escape(old)}\b", new, part) for part in code]
    assert after == "".join(
        part + (texts[i] if i < len(texts) else "") for i, part in enumerate(code)
    )
