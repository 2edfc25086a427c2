"""The interface every principle module fills, and the registry that finds them.

A principle module (`generator/principles/<name>.py`) defines one `RULE`: what its edit
can act on in a program (`targets`, or why nothing: `why_not`), its procedural edit (seeded,
deterministic, no LLM call) and its evidence check. The LLM request for it is rendered
from `prompts/declean_<name>.md` and `prompts/targeted/declean_<name>.md`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random
from typing import TYPE_CHECKING, Any, Literal

from generator.principles import Principle

if TYPE_CHECKING:
    from generator.evidence.finding import Checker
    from generator.syntax import Program


@dataclass(frozen=True)
class Edit:
    """A procedural edit: the new program, which transform made it, and what it touched."""

    code: str
    transform: str  # e.g. inline_constants, vague_rename, paste_helper, merge_helper
    details: dict[str, Any] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NotApplicable:
    reason: str


@dataclass(frozen=True)
class Rule:
    principle: Principle
    targets: Callable[[Program], list[str]]  # what the LLM request names, best first
    why_not: str  # said when there are no targets: recorded as not_applicable
    procedural: Callable[[Program, Random], Edit | NotApplicable]
    check: Checker | None  # None: its variants get the evidence verdict `unchecked`
    # How the LLM editor asks for the edit when there are targets: `paste` a helper's body
    # one call line at a time, rewrite one top-level `pieces` at a time, or the `whole`
    # program; and the transform that request makes. No targets: the whole program.
    request: Literal["paste", "pieces", "whole"] = "whole"
    transform: str = "rewrite"


def rule(principle: Principle | str) -> Rule:
    """The module of `principle`: `generator.principles.<name>`, imported on first use."""
    p = Principle(principle)
    module = importlib.import_module(f"generator.principles.{p.value.lower()}")
    found: Rule = module.RULE
    return found


def rules() -> dict[Principle, Rule]:
    return {p: rule(p) for p in Principle}
