"""MC on one program: numbers that carry meaning without a name.

Flagged: a literal written where a named constant of that value exists (the name is there and
the code ignores it), or one away from it (`79` for `MAX - 1`); a character code written as a
number (`c - 48` for `c - '0'`); the same number three times or more; three or more different
numbers. Let pass: 0, 1, 2, -1 and 10 (decimal digits, `n % 10`), output text and formats,
character literals, and a number written once or twice, which is how a value the exercise
gives appears.
"""

from __future__ import annotations

from collections import Counter

from generator.c.literals import is_magic
from generator.c.program import Program
from generator.principles import Principle
from generator.principles.verdict import Verdict

IDIOMS = frozenset(["n:10"])
CHARACTER_CODES = frozenset(["n:48", "n:57", "n:65", "n:90", "n:97", "n:122"])
REPEATED = 3  # times one number is written
DISTINCT = 3  # different numbers


def _value(key: str) -> float | None:
    try:
        return float(key[2:]) if key.startswith("n:") else None
    except ValueError:
        return None


def _beside(key: str, named: set[str]) -> bool:
    """One away from a named constant's value: `MAX - 1` written as a number."""
    v = _value(key)
    values = [w for w in map(_value, named) if w is not None and w > 2]
    return v is not None and any(abs(v - w) == 1 for w in values)


def unnamed(program: Program) -> Counter[str]:
    facts = program.facts
    return Counter(
        lit.key
        for lit in facts.literals
        if lit.kind == "number" and is_magic(lit.kind, lit.key, lit.io) and lit.key not in IDIOMS
    )


def verdict(program: Program) -> Verdict:
    facts = program.facts
    numbers = unnamed(program)
    named = set(facts.constants.values()) | set(facts.named_locals.values())
    ignored = sorted(k[2:] for k in numbers if k in named or _beside(k, named))
    codes = sorted(k[2:] for k in numbers if k in CHARACTER_CODES)
    repeated = sorted(k[2:] for k, n in numbers.items() if n >= REPEATED)
    reasons = []
    if ignored:
        reasons.append(f"named constant(s) written as numbers: {', '.join(ignored)}")
    if codes:
        reasons.append(f"character codes as numbers: {', '.join(codes)}")
    if repeated:
        reasons.append(f"the same number written {REPEATED}+ times: {', '.join(repeated)}")
    severity = float(len(ignored) + len(codes) + len(repeated))
    severity += len(numbers) / DISTINCT
    if len(numbers) >= DISTINCT:
        reasons.append(f"{len(numbers)} different unnamed numbers")
    return Verdict(Principle.MC, severity, reasons)
