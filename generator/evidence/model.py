"""What the evidence says of a variant against its parent: the record's own model.

Vocabulary only: the checks that fill it live with their principles
(`generator/principles/<name>/evidence.py`), run together by `generator/principles/check.py`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from generator.principles import Principle

Verdict = Literal["confirmed", "not_confirmed", "unchecked"]


class Evidence(BaseModel):
    principle: Principle
    checked: bool  # False when no checker exists for this principle
    confirmed: bool  # the variant breaks `principle` more than the parent did
    verdict: Verdict
    collateral: list[Principle] = Field(default_factory=list)  # other principles newly broken
    metrics: dict[str, Any] = Field(default_factory=dict)  # per principle: signals, thresholds
    reasons: list[str] = Field(default_factory=list)  # one short sentence per signal
