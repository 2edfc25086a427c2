"""The interface every principle package fills, and the registry that finds them.

A principle package (`generator/principles/<name>/`) defines one `RULE` in `rule.py`: its
evidence check (`evidence.py`); its verdict, what a reviewer would say of a program alone
(`verdict.py`); its procedural edit (seeded, deterministic, no LLM call, saying itself why
when nothing applies); for the LLM editor what its request points at (`targets`, or why
nothing: `why_not`) and how the targeted edit is asked for (`ask`: small requests the
module renders from `prompts/targeted/declean_<name>.md` and puts back together; with no
targets, or no `ask`, one whole-program request from `prompts/declean_<name>.md`); and
what the rest of declean says of it (meaning, short text, analysers, where the demo points).
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from random import Random
from typing import TYPE_CHECKING, Any

from generator.c.edit import Edit
from generator.c.words import joined
from generator.principles import Principle

if TYPE_CHECKING:
    from generator.c.facts import Facts
    from generator.c.program import Program
    from generator.context import Context
    from generator.evidence.finding import Checker
    from generator.principles.verdict import Verdict
    from generator.prompts import Template
    from generator.records import Sample

# The targeted LLM edit: (context, the sample being made, the parent, the targeted template,
# its targets) -> the edited program, as a `Program` so the gates read the tree its last
# clean-up step parsed. It raises `Retry` when no edit came of the replies.
Ask = Callable[["Context", "Sample", "Program", "Template", list[str]], Awaitable["Program"]]


@dataclass(frozen=True)
class NotApplicable:
    reason: str


@dataclass(frozen=True)
class Rule:
    principle: Principle
    check: Checker | None  # None: its variants get the evidence verdict `unchecked`
    procedural: Callable[[Program, Random], Edit | NotApplicable]
    # The LLM editor: what its request names, best first, and why nothing (recorded as
    # not_applicable when `skip_inapplicable` is on); the targeted edit, and its transform.
    targets: Callable[[Program], list[str]]
    why_not: str
    ask: Ask | None = None
    transform: str = "rewrite"
    # What a step touched, read from its evidence details and its transform, for the
    # diversity figures: {"vague_names" | "inlined_values" | "helpers": {...}}.
    touched: Callable[[dict[str, Any], str | None], dict[str, set[str]]] = lambda _d, _t: {}
    # What a reviewer would say of a program alone, no parent (`<name>/verdict.py`).
    verdict: Callable[[Program], Verdict] | None = None
    # What the rest of declean says of the principle: the label's meaning (the demo, the
    # feedback form), its short text (the curation form), the analyser findings that count
    # for it (`declean audit`; the first is the linter baseline's one check), and where the
    # demo points in a program, or None when nothing shows.
    meaning: str = ""
    short: str = ""
    analysers: tuple[str, ...] = ()
    point: Callable[[Facts], str | None] = lambda _f: None


def rule(principle: Principle | str) -> Rule:
    """The module of `principle`: `generator.principles.<name>`, imported on first use."""
    p = Principle(principle)
    module = importlib.import_module(f"generator.principles.{p.value.lower()}.rule")
    found: Rule = module.RULE
    return found


def rules() -> dict[Principle, Rule]:
    return {p: rule(p) for p in Principle}


def verdicts(program: Program | str) -> dict[Principle, Verdict]:
    """Every principle's verdict on one program, parsed once."""
    from generator.c.program import Program

    code = program if isinstance(program, Program) else Program(program)
    return {p: r.verdict(code) for p, r in rules().items() if r.verdict is not None}


MAX_NAMES = 8  # a longer list makes the small model drop the program's tail


def targets(principle: Principle | str, program: Program | str) -> list[str]:
    """What the LLM editor's request for `principle` names in `program`, best first."""
    from generator.c.program import Program

    code = program if isinstance(program, Program) else Program(program)
    return rule(principle).targets(code)[:MAX_NAMES]


def inapplicable(principle: Principle | str, program: Program | str) -> str | None:
    """Why the LLM editor's edit for `principle` has nothing to act on, or None when it has.

    The edits the prompts ask for (paste a helper, merge one, inline constants, rename)
    need something in the parent; asking anyway buys a no-op or a label the evidence will
    not confirm."""
    return None if targets(principle, program) else rule(principle).why_not


__all__ = ["Edit", "NotApplicable", "Rule", "joined"]
