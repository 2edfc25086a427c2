"""One line per predicted label, pointing at the code where the static checks can.

The detector prompt answers labels only (it is the one `declean eval` scores, so its answer
format stays). The line shown under a label comes from the same tree-sitter facts the
pipeline's evidence checks use, read on this one program; when they find nothing to point
at, the line says so and gives the label's meaning instead of inventing a reason.
"""

from __future__ import annotations

from generator.c.facts import analyse
from generator.principles.base import rules

# A label's meaning, from its principle's registry entry; NO_COMPILE is the demo's own.
MEANING = {p.value: r.meaning for p, r in rules().items()}
MEANING["NO_COMPILE"] = "the program does not compile"


def reasons(code: str, labels: list[str], first_error: str = "") -> dict[str, str]:
    facts = analyse(code)
    out: dict[str, str] = {}
    for label in labels:
        if label == "NO_COMPILE":
            out[label] = first_error or MEANING[label]
            continue
        known = next((r for p, r in rules().items() if p.value == label), None)
        found = known.point(facts) if known else None
        out[label] = found or f"the detector says: {MEANING.get(label, label)}"
    return out
