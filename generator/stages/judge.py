"""The LLM equivalence judge, asked only about near misses. Build messages, parse reply."""

from __future__ import annotations

import json
import re

from pydantic import BaseModel

from generator.context import Context
from generator.problems import Problem
from generator.stages.equivalence import normalise

OBJECT = re.compile(r"\{.*\}", re.DOTALL)
CASE_CHARS = 1500


class Verdict(BaseModel):
    equivalent: bool
    reason: str = ""
    parsed: bool = True


def messages(
    ctx: Context, problem: Problem, reference: list[str], candidate: list[str], idx: list[int]
) -> list[dict[str, str]]:
    cases = "\n\n".join(
        f"Input {i + 1}:\n{problem.inputs[i][:300] or '(empty)'}\n"
        f"Reference output:\n{normalise(reference[i])[:CASE_CHARS]}\n"
        f"Candidate output:\n{normalise(candidate[i])[:CASE_CHARS]}"
        for i in idx
    )
    return ctx.template("judge").render(statement=problem.statement, cases=cases)


def parse(text: str) -> Verdict:
    """Unparseable answers count as 'not equivalent' and say so: never a crash."""
    m = OBJECT.search(text)
    if m:
        try:
            data = json.loads(m.group(0))
            if isinstance(data.get("equivalent"), bool):
                return Verdict(equivalent=data["equivalent"], reason=str(data.get("reason", "")))
        except (ValueError, AttributeError):
            pass
    return Verdict(
        equivalent=False, reason=f"unparseable judge reply: {text[:200]!r}", parsed=False
    )
