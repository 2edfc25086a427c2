"""What a reviewer would say of one program, for one principle: the verdict.

Unlike the evidence (a variant against its parent), a verdict reads the program alone, with
the rules of a reviewers' guide: flag what a demanding but fair teacher would comment on,
let pass what they would let pass (a number the exercise gives, used once; `i`, `n`; a tiny
program all in `main`; a short idiom repeated). `severity` grows with how much of the
violation there is, so a detector's ranking can be scored against it; `violated` is
`severity >= 1`: each rule's threshold is scaled to 1. The thresholds were set by measurement
on labelled real programs (docs/decisions.md, "Verdicts").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.principles import Principle


@dataclass(frozen=True)
class Verdict:
    principle: Principle
    severity: float
    reasons: list[str] = field(default_factory=list)

    @property
    def violated(self) -> bool:
        return self.severity >= 1.0
