"""Fixture variants as the pipeline makes them: code from a real editor, evidence from the
real checker (`generator.principles.check`), never an evidence dict written by hand."""

from __future__ import annotations

from random import Random

from generator.c.program import Program
from generator.evidence.model import Evidence
from generator.principles import Principle
from generator.principles.base import Edit, NotApplicable, rule
from generator.principles.check import check


def procedural(code: str, principle: Principle, seed: int) -> Edit:
    """The principle's own procedural edit of `code`, seeded like the pipeline seeds it."""
    edit = rule(principle).procedural(Program(code), Random(seed))
    if isinstance(edit, NotApplicable):
        raise AssertionError(f"the fixture program offers no {principle.value} edit: {edit.reason}")
    return edit


def confirmed(parent_code: str, code: str, principle: Principle) -> Evidence:
    """The checker's evidence for a fixture variant, which must really break `principle`."""
    evidence = check(Program(parent_code), Program(code), principle)
    if not evidence.confirmed:
        raise AssertionError(
            f"the checker does not confirm this fixture's {principle.value} variant: "
            + "; ".join(evidence.reasons)
        )
    return evidence
