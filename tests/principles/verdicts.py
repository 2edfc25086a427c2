"""What every principle's verdict test does with its cases: each program is judged alone."""

from __future__ import annotations

from generator.principles import Principle
from generator.principles.base import verdicts

HEAD = "#include <stdio.h>\n\n"


def expect(principle: Principle, flagged: bool, code: str) -> None:
    """The verdict flags `code` exactly when a reviewer would, and says why when it does."""
    v = verdicts(HEAD + code)[principle]
    assert v.violated is flagged, (v.severity, v.reasons)
    assert bool(v.reasons) or not flagged
