"""DRY on one program: how much of it is written out twice.

Read on the abstracted token stream (names and numbers are one token, output text keeps its
words), as the DRY evidence reads it: the tokens inside runs of `WINDOW` or more that occur at
two places. Flagged from `FLAGGED` such tokens on, when they are at least `SHARE` of the
program: a block of three or four statements pasted once, or a short one pasted three times.
Let pass: short idioms (`i++`, one `printf` per line), two loops that merely look alike,
which make shorter runs, and in a long program the look-alike statements any program of
that length has.
"""

from __future__ import annotations

from generator.principles import Principle
from generator.principles.dry.evidence import WINDOW, duplicated_tokens
from generator.principles.verdict import Verdict
from generator.syntax import Program

FLAGGED = 50  # repeated tokens
SHARE = 0.2  # of the program's tokens


def verdict(program: Program) -> Verdict:
    tokens = program.facts.tokens
    repeated = duplicated_tokens(tokens, WINDOW)
    share = repeated / len(tokens) if tokens else 0.0
    reasons = []
    if repeated:
        reasons.append(f"{repeated} tokens ({share:.0%}) sit in runs written out twice or more")
    return Verdict(Principle.DRY, min(repeated / FLAGGED, share / SHARE), reasons)
