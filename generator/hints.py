"""What a de-clean prompt should point at in the parent: `{{targets}}` for the templates.

The embedded 1.5B model copies a program unchanged when asked "inline every named
constant", but makes the edit when the prompt names them ("replace MAX_ROWS, KELVIN_OFFSET
by their values"). So each principle gets the names its edit applies to, read from the
same facts the evidence checkers use, so the hint and the check agree on what counts.
"""

from __future__ import annotations

from collections import Counter

from generator.evidence.facts import Facts, analyse
from generator.evidence.words import is_meaningful
from generator.principles import Principle

MAX_NAMES = 8  # a longer list makes the small model drop the program's tail


def targets(principle: Principle | str, code: str) -> str:
    """Names for the prompt, as an English list ("a, b and c"); '' when there are none."""
    facts = analyse(code)
    pick = {
        Principle.DRY: _most_called,
        Principle.SRP: _single_use,
        Principle.MC: _constants,
        Principle.NAME: _meaningful,
    }.get(Principle(principle))
    return _join(pick(facts)[:MAX_NAMES]) if pick else ""


def _callers(facts: Facts) -> Counter[str]:
    own = {f.name for f in facts.functions}
    calls: Counter[str] = Counter()
    for f in facts.functions:
        for name, n in f.calls.items():
            if name != f.name and name in own and name != "main":
                calls[name] += n
    return calls


def _most_called(facts: Facts) -> list[str]:
    # One helper: pasting a single one at its call sites is an edit the model can finish,
    # and it leaves the single-use helpers for SRP further down the chain.
    calls = _callers(facts)
    return [calls.most_common(1)[0][0]] if calls else []


def _single_use(facts: Facts) -> list[str]:
    calls = _callers(facts)
    once = [f.name for f in facts.functions if calls[f.name] == 1]
    return once or [name for name, _ in calls.most_common()]


def _constants(facts: Facts) -> list[str]:
    return [name for name in facts.constants if facts.uses(name) > 0]


def _meaningful(facts: Facts) -> list[str]:
    # Constants keep their names (renaming them is not this edit), macros included.
    skip = set(facts.constants) | {"main"} | {n for n in facts.declared if n.isupper()}
    funcs = [f.name for f in facts.functions if f.name not in skip and is_meaningful(f.name)]
    rest = sorted(n for n in facts.declared - skip - set(funcs) if is_meaningful(n))
    # Functions first: a renamed function shows at every call, so it is rarely half done.
    return funcs + [n for n in rest if facts.idents[n] > 0]


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
