"""NAME on one program: names that say nothing about what they hold.

Flagged: single letters other than loop indices and the conventional ones (`i`, `j`, `k`,
`n`, `N`, `M`, and `a`, `b`, `c` for interchangeable inputs); numbered names (`n1`, `s2`,
`h1`); filler names (`aux`, `tmp`, `var_aux`); names with no word in them (`ant`, `n_p`).
Let pass: meaningful names in any language (`soma`, `contador`), common abbreviations
(`tam`, `dim`, `max`, `len`), upper-case constants, function names. Two vague names or more
make a violation: one is a slip a reviewer lets pass.
"""

from __future__ import annotations

import re

from generator.evidence.words import is_meaningful
from generator.principles import Principle
from generator.principles.verdict import Verdict
from generator.syntax import Program

CONVENTIONAL = frozenset("ijknNMabc")
NUMBERED = re.compile(r"^[A-Za-z]{1,3}_?\d+$")
FILLER = re.compile(r"(^|_)(aux|tmp|temp|var|dummy|foo|bar)(_|$|\d)", re.IGNORECASE)
ABBREVIATIONS = frozenset(
    ["num", "str", "vec", "max", "min", "tam", "dim", "cont", "res", "val", "len"]
)
FLAGGED = 2  # vague names


def is_vague(name: str) -> bool:
    if len(name) == 1:
        return name not in CONVENTIONAL
    if NUMBERED.match(name) or FILLER.search(name):
        return True
    return not is_meaningful(name) and name.lower() not in ABBREVIATIONS


def vague_names(program: Program) -> list[str]:
    facts = program.facts
    functions = {f.name for f in facts.functions}
    names = {n for n in facts.declared - functions if len(n) == 1 or not n.isupper()}
    return sorted(n for n in names if is_vague(n))


def verdict(program: Program) -> Verdict:
    vague = vague_names(program)
    reasons = [f"names that say nothing: {', '.join(vague)}"] if vague else []
    return Verdict(Principle.NAME, len(vague) / FLAGGED, reasons)
