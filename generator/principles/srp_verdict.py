"""SRP on one program: one function doing several jobs a reviewer would split.

Flagged: a function past `FLAGGED` in size, where size is its statements plus three per
branch point (reading, computing and printing interleaved make both grow), or a helper that
both reads input and writes output. Let pass: a tiny program all in `main`, and helpers
that print what the exercise asks them to print.
"""

from __future__ import annotations

from generator.principles import Principle
from generator.principles.verdict import Verdict
from generator.syntax import Program

INPUT = frozenset(["scanf", "getchar", "fgets", "gets", "getc", "fscanf"])
OUTPUT = frozenset(["printf", "putchar", "puts", "fputs", "fprintf"])
BRANCH_WEIGHT = 3
FLAGGED = 50  # statements + 3 per branch point, in one function


def verdict(program: Program) -> Verdict:
    reasons = []
    worst = 0.0
    for f in program.facts.functions:
        size = f.statements + BRANCH_WEIGHT * f.decisions
        worst = max(worst, size / FLAGGED)
        reads = any(f.calls[c] for c in INPUT)
        writes = any(f.calls[c] for c in OUTPUT)
        if f.name != "main" and reads and writes and f.decisions:
            worst = max(worst, 1.0)
            reasons.append(f"{f.name} reads input, computes and prints")
        if size >= FLAGGED:
            reasons.append(
                f"{f.name} holds {f.statements} statements and {f.decisions} branch points"
            )
    return Verdict(Principle.SRP, worst, reasons)
