"""One line per predicted label, pointing at the code where the static checks can.

The detector prompt answers labels only (it is the one `declean eval` scores, so its answer
format stays). The line shown under a label comes from the same tree-sitter facts the
pipeline's evidence checks use, read on this one program; when they find nothing to point
at, the line says so and gives the label's meaning instead of inventing a reason.
"""

from __future__ import annotations

from generator.evidence.clones import WINDOW, duplicated_tokens
from generator.evidence.facts import Facts, analyse
from generator.evidence.literals import is_magic
from generator.evidence.words import is_meaningful, is_neutral

MEANING = {
    "DRY": "the same logic is written out more than once",
    "SRP": "a function does several jobs",
    "MC": "unexplained literal numbers where a named constant belongs",
    "NAME": "meaningless or misleading names",
    "NO_COMPILE": "the program does not compile",
}
SHOWN = 4


def _listing(items: list[str]) -> str:
    more = f" and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
    return ", ".join(items[:SHOWN]) + more


def _mc(facts: Facts) -> str | None:
    keys = {lit.key for lit in facts.literals if is_magic(lit.kind, lit.key, lit.io)}
    # Numbers are what a student recognises as magic; strings only when there is no number.
    numbers = sorted((k for k in keys if k.startswith("n:")), key=_numeric)
    shown = numbers or sorted(k for k in keys if k.startswith("s:") and len(k) > 4)
    if not shown:
        return None
    return f"unnamed values in the code: {_listing([k[2:] for k in shown])}"


def _numeric(key: str) -> tuple[float, str]:
    try:
        return (float(key[2:]), key)
    except ValueError:
        return (float("inf"), key)


def _name(facts: Facts) -> str | None:
    names = facts.declared - {"main"}
    vague = sorted(n for n in names if not is_meaningful(n) and not is_neutral(n))
    if not vague:
        return None
    return f"names that say nothing: {_listing(vague)}"


def _dry(facts: Facts) -> str | None:
    dup = duplicated_tokens(facts.tokens)
    if not dup:
        return None
    share = dup / len(facts.tokens)
    return f"{share:.0%} of the code repeats a run of {WINDOW}+ tokens found elsewhere in it"


def _srp(facts: Facts) -> str | None:
    if not facts.functions:
        return None
    f = max(facts.functions, key=lambda fn: (fn.statements + 2 * fn.decisions, fn.name))
    return f"{f.name} holds {f.statements} statements and {f.decisions} branch points"


FINDERS = {"MC": _mc, "NAME": _name, "DRY": _dry, "SRP": _srp}


def reasons(code: str, labels: list[str], first_error: str = "") -> dict[str, str]:
    facts = analyse(code)
    out: dict[str, str] = {}
    for label in labels:
        if label == "NO_COMPILE":
            out[label] = first_error or MEANING[label]
            continue
        finder = FINDERS.get(label)
        found = finder(facts) if finder else None
        out[label] = found or f"the detector says: {MEANING.get(label, label)}"
    return out
